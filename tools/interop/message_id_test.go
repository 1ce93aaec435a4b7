package main

import "testing"

func TestMessageIDOfEachKind(t *testing.T) {
	cases := []struct {
		kind, shape, data, want string
	}{
		{"block", nodeStatusCurrent, `{"Hash":"00ab","Height":7}`, "00ab"},
		{"subtree", nodeStatusCurrent, `{"Hash":"11cd"}`, "11cd"},
		{"mining_on", nodeStatusCurrent, `{"Hash":"22ef","Height":8}`, "22ef"},
		{"rejected_tx", nodeStatusCurrent, `{"TxID":"33aa","Reason":"fee"}`, "33aa"},
		{"node_status", nodeStatusCurrent, `{"peer_id":"12D3KooWA","uptime":12.5}`, "12D3KooWA:12.5"},
		{"node_status", nodeStatusCurrent, `{"peer_id":"12D3KooWA","uptime":3}`, "12D3KooWA:3"},
		{"node_status", nodeStatusV011, `{"peer_id":"12D3KooWB","uptime":0.1}`, "12D3KooWB:0.1"},
		{"handshake", nodeStatusCurrent, `{"type":"verack","peerID":"12D3KooWC"}`, "12D3KooWC:verack"},
	}
	for _, c := range cases {
		payload, err := decodePayload(c.kind, c.shape, []byte(c.data))
		if err != nil {
			t.Fatalf("%s %s: %v", c.kind, c.data, err)
		}
		if got := messageID(payload); got != c.want {
			t.Errorf("%s %s: id %q, want %q", c.kind, c.data, got, c.want)
		}
	}
}

func TestPublishedAndDeliveredIDsAgree(t *testing.T) {
	payload, data, err := encodePayload("node_status", nodeStatusCurrent, []byte(`{"peer_id":"P","uptime":1234.567891}`))
	if err != nil {
		t.Fatal(err)
	}
	delivered, err := decodePayload("node_status", nodeStatusCurrent, data)
	if err != nil {
		t.Fatal(err)
	}
	if messageID(payload) != messageID(delivered) || messageID(payload) != "P:1234.567891" {
		t.Fatalf("published id %q, delivered id %q", messageID(payload), messageID(delivered))
	}
}
