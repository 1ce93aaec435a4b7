package main

import (
	"encoding/json"
	"fmt"

	gop2p "github.com/bsv-blockchain/go-p2p"
)

// NodeStatusMessage is today's node_status payload: services/p2p/message_types.go at Teranode
// ad41218 (2026-06-10). Neither pinned library defines it, Teranode's server does, and
// Teranode's module is not importable here (it would pull in the whole node), so this is a copy.
type NodeStatusMessage struct {
	PeerID              string     `json:"peer_id"`
	ClientName          string     `json:"client_name"`
	Type                string     `json:"type"`
	BaseURL             string     `json:"base_url"`
	PropagationURL      string     `json:"propagation_url,omitempty"`
	Version             string     `json:"version"`
	CommitHash          string     `json:"commit_hash"`
	BestBlockHash       string     `json:"best_block_hash"`
	BestHeight          uint32     `json:"best_height"`
	TxCount             uint64     `json:"tx_count,omitempty"`
	SubtreeCount        uint32     `json:"subtree_count,omitempty"`
	FSMState            string     `json:"fsm_state"`
	StartTime           int64      `json:"start_time"`
	Uptime              float64    `json:"uptime"`
	MinerName           string     `json:"miner_name"`
	ListenMode          string     `json:"listen_mode"`
	ChainWork           string     `json:"chain_work"`
	SyncPeerID          string     `json:"sync_peer_id,omitempty"`
	SyncPeerHeight      uint32     `json:"sync_peer_height,omitempty"`
	SyncPeerBlockHash   string     `json:"sync_peer_block_hash,omitempty"`
	SyncConnectedAt     int64      `json:"sync_connected_at,omitempty"`
	MinMiningTxFee      *float64   `json:"min_mining_tx_fee,omitempty"`
	FeePolicy           *FeePolicy `json:"fee_policy,omitempty"`
	ConnectedPeersCount int        `json:"connected_peers_count,omitempty"`
	Storage             string     `json:"storage,omitempty"`
}

// FeeAmount and FeePolicy are the fee_policy of NodeStatusMessage (message_types.go at ad41218).
type FeeAmount struct {
	Satoshis uint64 `json:"satoshis"`
	Bytes    uint64 `json:"bytes"`
}

type FeePolicy struct {
	MiningFee               FeeAmount `json:"miningFee"`
	MaxScriptSizePolicy     uint64    `json:"maxscriptsizepolicy"`
	MaxTxSizePolicy         uint64    `json:"maxtxsizepolicy"`
	MaxTxSigopsCountsPolicy uint64    `json:"maxtxsigopscountspolicy"`
}

// NodeStatusMessageV011 is Teranode v0.11's node_status payload (services/p2p/Server.go at
// v0.11.1), the shape Teranode sent until 2026: block_assembly_details, int32 sync_peer_height.
type NodeStatusMessageV011 struct {
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

// Node status shapes (-node-status): the struct the peer publishes and decodes node_status with.
const (
	nodeStatusCurrent = "current" // message_types.go at ad41218
	nodeStatusV011    = "v0.11"   // Server.go at v0.11.1
)

// newPayload returns the struct Teranode decodes a topic's payload into; node_status in the
// shape the peer was started with.
func newPayload(kind, nodeStatusShape string) (any, error) {
	switch kind {
	case "block":
		return &gop2p.BlockMessage{}, nil
	case "subtree":
		return &gop2p.SubtreeMessage{}, nil
	case "rejected_tx":
		return &gop2p.RejectedTxMessage{}, nil
	case "node_status":
		if nodeStatusShape == nodeStatusV011 {
			return &NodeStatusMessageV011{}, nil
		}
		return &NodeStatusMessage{}, nil
	case "mining_on":
		return &gop2p.MiningOnMessage{}, nil
	case "handshake":
		return &gop2p.HandshakeMessage{}, nil
	}
	return nil, fmt.Errorf("unknown message kind %q", kind)
}

// decodePayload decodes received bytes as Teranode does (encoding/json into the struct).
func decodePayload(kind, nodeStatusShape string, data []byte) (any, error) {
	payload, err := newPayload(kind, nodeStatusShape)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, payload); err != nil {
		return nil, err
	}
	return payload, nil
}

// encodePayload fills the library struct from the test's fields and marshals it, so the
// bytes on the wire are exactly what a Go Teranode peer sends. It returns the struct too.
func encodePayload(kind, nodeStatusShape string, fields json.RawMessage) (any, []byte, error) {
	payload, err := newPayload(kind, nodeStatusShape)
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(fields, payload); err != nil {
		return nil, nil, fmt.Errorf("fields for %s: %w", kind, err)
	}
	data, err := json.Marshal(payload)
	return payload, data, err
}
