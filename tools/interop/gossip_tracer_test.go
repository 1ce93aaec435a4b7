package main

import (
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"
)

const (
	topicBlock   = "teranode/bitcoin/1.0.0/regtest-block"
	topicSubtree = "teranode/bitcoin/1.0.0/regtest-subtree"
)

func TestGossipTracerKeepsTheMeshOfEachTopic(t *testing.T) {
	tr := newGossipTracer()
	a, b, c := peer.ID("a"), peer.ID("b"), peer.ID("c")
	tr.Join(topicBlock)
	tr.Join(topicSubtree)
	for _, p := range []peer.ID{a, b, c} {
		tr.AddPeer(p, "/meshsub/1.2.0")
	}
	tr.Graft(a, topicBlock)
	tr.Graft(b, topicBlock)
	tr.Graft(b, topicBlock) // a repeated graft is one mesh member
	tr.Graft(c, topicSubtree)
	peers, mesh := tr.snapshot()
	if peers != 3 || mesh[topicBlock] != 2 || mesh[topicSubtree] != 1 {
		t.Fatalf("peers %d mesh %v, want 3 and block 2, subtree 1", peers, mesh)
	}

	tr.Prune(a, topicBlock)
	tr.RemovePeer(c) // leaves every mesh without a Prune
	peers, mesh = tr.snapshot()
	if peers != 2 || mesh[topicBlock] != 1 || mesh[topicSubtree] != 0 {
		t.Fatalf("peers %d mesh %v, want 2 and block 1, subtree 0", peers, mesh)
	}
	if _, joined := mesh[topicSubtree]; !joined {
		t.Fatal("an empty mesh of a joined topic must still be listed")
	}

	tr.Leave(topicSubtree)
	if _, mesh = tr.snapshot(); len(mesh) != 1 {
		t.Fatalf("mesh %v after leaving the subtree topic", mesh)
	}
}

func TestGossipTracerCountsDuplicates(t *testing.T) {
	tr := newGossipTracer()
	tr.DuplicateMessage(nil)
	tr.DuplicateMessage(nil)
	tr.DeliverMessage(nil)
	if got := tr.duplicates.Load(); got != 2 {
		t.Fatalf("duplicates %d, want 2", got)
	}
}
