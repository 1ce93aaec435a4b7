package main

import (
	"sync"
	"sync/atomic"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// gossipTracer is a go-libp2p-pubsub RawTracer keeping what the router does not expose:
// duplicate deliveries, the peers speaking pubsub and the mesh of each topic. The router calls
// it from its event loop, so each call only updates a counter or a set. The sets hold
// connected peers only (RemovePeer drops a peer from all of them).
type gossipTracer struct {
	duplicates atomic.Uint64
	mu         sync.Mutex
	peers      map[peer.ID]struct{}
	mesh       map[string]map[peer.ID]struct{}
}

var _ pubsub.RawTracer = (*gossipTracer)(nil)

func newGossipTracer() *gossipTracer {
	return &gossipTracer{peers: map[peer.ID]struct{}{}, mesh: map[string]map[peer.ID]struct{}{}}
}

// DuplicateMessage: a message whose ID the router had already seen arrived again.
func (t *gossipTracer) DuplicateMessage(*pubsub.Message) { t.duplicates.Add(1) }

func (t *gossipTracer) AddPeer(p peer.ID, _ protocol.ID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.peers[p] = struct{}{}
}

// RemovePeer: the router drops the peer from every mesh without a Prune event.
func (t *gossipTracer) RemovePeer(p peer.ID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.peers, p)
	for _, members := range t.mesh {
		delete(members, p)
	}
}

func (t *gossipTracer) Graft(p peer.ID, topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	members, ok := t.mesh[topic]
	if !ok {
		members = map[peer.ID]struct{}{}
		t.mesh[topic] = members
	}
	members[p] = struct{}{}
}

func (t *gossipTracer) Prune(p peer.ID, topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.mesh[topic], p)
}

// Join: a topic's mesh exists (empty) from the moment the router joins it.
func (t *gossipTracer) Join(topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.mesh[topic]; !ok {
		t.mesh[topic] = map[peer.ID]struct{}{}
	}
}

func (t *gossipTracer) Leave(topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.mesh, topic)
}

// snapshot returns the pubsub peer count and the mesh size of each joined topic.
func (t *gossipTracer) snapshot() (peers int, mesh map[string]int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	mesh = make(map[string]int, len(t.mesh))
	for topic, members := range t.mesh {
		mesh[topic] = len(members)
	}
	return len(t.peers), mesh
}

func (t *gossipTracer) ValidateMessage(*pubsub.Message)       {}
func (t *gossipTracer) DeliverMessage(*pubsub.Message)        {}
func (t *gossipTracer) RejectMessage(*pubsub.Message, string) {}
func (t *gossipTracer) ThrottlePeer(peer.ID)                  {}
func (t *gossipTracer) RecvRPC(*pubsub.RPC)                   {}
func (t *gossipTracer) SendRPC(*pubsub.RPC, peer.ID)          {}
func (t *gossipTracer) DropRPC(*pubsub.RPC, peer.ID)          {}
func (t *gossipTracer) UndeliverableMessage(*pubsub.Message)  {}
