package main

import "sync"

// firstDeliveries remembers the last `limit` message keys (kind and id) delivered, so each
// block, subtree or status counts once however many pubsub messages carry it. The oldest key
// is forgotten first.
type firstDeliveries struct {
	mu    sync.Mutex
	seen  map[string]struct{}
	order []string // ring of the keys in seen, oldest at next once full
	next  int
}

func newFirstDeliveries(limit int) *firstDeliveries {
	if limit < 1 {
		limit = 1
	}
	return &firstDeliveries{seen: make(map[string]struct{}, limit), order: make([]string, 0, limit)}
}

// add records key and reports whether it was new.
func (f *firstDeliveries) add(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.seen[key]; ok {
		return false
	}
	if len(f.order) < cap(f.order) {
		f.order = append(f.order, key)
	} else {
		delete(f.seen, f.order[f.next])
		f.order[f.next] = key
		f.next = (f.next + 1) % len(f.order)
	}
	f.seen[key] = struct{}{}
	return true
}

func (f *firstDeliveries) size() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.seen)
}
