package main

import (
	"strconv"

	gop2p "github.com/bsv-blockchain/go-p2p"
)

// messageID names what a payload announces, the same on every peer that receives it: the
// block, subtree or mining-on hash, the rejected txid, and for node_status (which repeats
// per peer) the sender's peer_id and its uptime, which grows with every status it sends.
func messageID(payload any) string {
	switch m := payload.(type) {
	case *gop2p.BlockMessage:
		return m.Hash
	case *gop2p.SubtreeMessage:
		return m.Hash
	case *gop2p.MiningOnMessage:
		return m.Hash
	case *gop2p.RejectedTxMessage:
		return m.TxID
	case *NodeStatusMessage:
		return m.PeerID + ":" + formatUptime(m.Uptime)
	case *NodeStatusMessageV011:
		return m.PeerID + ":" + formatUptime(m.Uptime)
	case *gop2p.HandshakeMessage:
		return m.PeerID + ":" + string(m.Type)
	}
	return ""
}

// formatUptime writes the shortest decimal that reads back as the same float64, as
// JavaScript's String(number) does for the values an uptime takes.
func formatUptime(seconds float64) string {
	return strconv.FormatFloat(seconds, 'f', -1, 64)
}
