package main

import "testing"

func TestFirstDeliveriesReportsEachKeyOnce(t *testing.T) {
	f := newFirstDeliveries(10)
	if !f.add("block/a") || !f.add("subtree/a") {
		t.Fatal("a new key was reported as seen")
	}
	if f.add("block/a") {
		t.Fatal("a repeated key was reported as new")
	}
	if got := f.size(); got != 2 {
		t.Fatalf("size %d, want 2", got)
	}
}

func TestFirstDeliveriesForgetsTheOldestBeyondTheLimit(t *testing.T) {
	f := newFirstDeliveries(3)
	for _, key := range []string{"a", "b", "c", "d"} {
		f.add(key)
	}
	if got := f.size(); got != 3 {
		t.Fatalf("size %d, want the limit 3", got)
	}
	if !f.add("a") {
		t.Fatal("the oldest key is still remembered past the limit")
	}
	// "a" replaced "b", the next oldest; "c" and "d" are still there.
	for _, key := range []string{"c", "d", "a"} {
		if f.add(key) {
			t.Fatalf("%s was forgotten too early", key)
		}
	}
	if !f.add("b") {
		t.Fatal("b should have been forgotten")
	}
}
