package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"time"
)

// command is one line on stdin:
//
//	{"cmd":"publish","kind":"block","fields":{"Hash":"…","Height":7}}
//	{"cmd":"connect","addr":"/ip4/127.0.0.1/tcp/9905/p2p/12D3…"}
//	{"cmd":"peers"}
//	{"cmd":"quit"}
type command struct {
	Cmd    string          `json:"cmd"`
	Kind   string          `json:"kind"`
	Fields json.RawMessage `json:"fields"`
	Addr   string          `json:"addr"`
}

const commandTimeout = 10 * time.Second

// readCommands handles stdin until EOF, "quit" or the context ends; each command answers
// with one event ("published", "connected", "peers") or an "error" naming the command.
func readCommands(ctx context.Context, stop context.CancelFunc, node peerNode, opts options, out *events) {
	lines := make(chan []byte)
	go func() {
		scanner := bufio.NewScanner(os.Stdin)
		scanner.Buffer(make([]byte, 1<<20), 4<<20)
		for scanner.Scan() {
			lines <- append([]byte(nil), scanner.Bytes()...)
		}
		close(lines)
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case line, ok := <-lines:
			if !ok {
				return
			}
			var c command
			if err := json.Unmarshal(line, &c); err != nil {
				out.fail("command", err)
				continue
			}
			if c.Cmd == "quit" {
				stop()
				return
			}
			handle(ctx, node, opts, c, out)
		}
	}
}

func handle(ctx context.Context, node peerNode, opts options, c command, out *events) {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	switch c.Cmd {
	case "publish":
		payload, data, err := encodePayload(c.Kind, opts.nodeStatus, c.Fields)
		sent := time.Now() // handed to the library: the start of propagation
		if err == nil {
			err = node.publish(ctx, c.Kind, data)
		}
		if err != nil {
			out.fail("publish "+c.Kind, err)
			return
		}
		// t and id match the delivered lines of counting mode (counting.go, message_id.go).
		out.emit("published", map[string]any{
			"kind":  c.Kind,
			"topic": opts.topics()[c.Kind],
			"id":    messageID(payload),
			"t":     unixMillis(sent),
			"data":  string(data),
		})
	case "connect":
		if err := node.connect(ctx, c.Addr); err != nil {
			out.fail("connect "+c.Addr, err)
			return
		}
		out.emit("connected", map[string]any{"addr": c.Addr})
	case "peers":
		out.emit("peers", map[string]any{"peers": node.peers()})
	default:
		out.emit("error", map[string]any{"context": "command", "error": "unknown command " + c.Cmd})
	}
}
