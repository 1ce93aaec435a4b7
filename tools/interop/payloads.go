package main

import (
	"encoding/json"
	"fmt"

	gop2p "github.com/bsv-blockchain/go-p2p"
)

// NodeStatusMessage is Teranode v0.11's node_status payload (services/p2p/Server.go at
// v0.11.1): neither pinned library defines it, Teranode's server does.
type NodeStatusMessage struct {
	Type                 string         `json:"type"`
	BaseURL              string         `json:"base_url"`
	PeerID               string         `json:"peer_id"`
	Version              string         `json:"version"`
	CommitHash           string         `json:"commit_hash"`
	BestBlockHash        string         `json:"best_block_hash"`
	BestHeight           uint32         `json:"best_height"`
	BlockAssemblyDetails *BlockAssembly `json:"block_assembly_details,omitempty"`
	FSMState             string         `json:"fsm_state"`
	StartTime            int64          `json:"start_time"`
	Uptime               float64        `json:"uptime"`
	ClientName           string         `json:"client_name"`
	MinerName            string         `json:"miner_name"`
	ListenMode           string         `json:"listen_mode"`
	ChainWork            string         `json:"chain_work"`
	SyncPeerID           string         `json:"sync_peer_id,omitempty"`
	SyncPeerHeight       int32          `json:"sync_peer_height,omitempty"`
	SyncPeerBlockHash    string         `json:"sync_peer_block_hash,omitempty"`
	SyncConnectedAt      int64          `json:"sync_connected_at,omitempty"`
}

// BlockAssembly is blockassembly_api.StateMessage as encoding/json writes it (all omitempty).
type BlockAssembly struct {
	BlockAssemblyState    string   `json:"blockAssemblyState,omitempty"`
	SubtreeProcessorState string   `json:"subtreeProcessorState,omitempty"`
	SubtreeCount          uint32   `json:"subtreeCount,omitempty"`
	TxCount               uint64   `json:"txCount,omitempty"`
	QueueCount            int64    `json:"queueCount,omitempty"`
	CurrentHeight         uint32   `json:"currentHeight,omitempty"`
	CurrentHash           string   `json:"currentHash,omitempty"`
	RemoveMapCount        uint32   `json:"removeMapCount,omitempty"`
	Subtrees              []string `json:"subtrees,omitempty"`
}

// newPayload returns the struct Teranode decodes a topic's payload into.
func newPayload(kind string) (any, error) {
	switch kind {
	case "block":
		return &gop2p.BlockMessage{}, nil
	case "subtree":
		return &gop2p.SubtreeMessage{}, nil
	case "rejected_tx":
		return &gop2p.RejectedTxMessage{}, nil
	case "node_status":
		return &NodeStatusMessage{}, nil
	case "mining_on":
		return &gop2p.MiningOnMessage{}, nil
	case "handshake":
		return &gop2p.HandshakeMessage{}, nil
	}
	return nil, fmt.Errorf("unknown message kind %q", kind)
}

// decodePayload decodes received bytes as Teranode does (encoding/json into the struct).
func decodePayload(kind string, data []byte) (any, error) {
	payload, err := newPayload(kind)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, payload); err != nil {
		return nil, err
	}
	return payload, nil
}

// encodePayload fills the library struct from the test's fields and marshals it, so the
// bytes on the wire are exactly what a Go Teranode peer sends.
func encodePayload(kind string, fields json.RawMessage) ([]byte, error) {
	payload, err := newPayload(kind)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(fields, payload); err != nil {
		return nil, fmt.Errorf("fields for %s: %w", kind, err)
	}
	return json.Marshal(payload)
}
