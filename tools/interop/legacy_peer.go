package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	gop2p "github.com/bsv-blockchain/go-p2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// maxHandshakeBytes bounds what a handshake stream may carry (a version is ~300 bytes).
const maxHandshakeBytes = 16 << 10

// legacyPeer is a Teranode v0.10 node's networking: go-p2p v1.2.4 with shared key, private
// DHT, static peers, raw JSON payloads and the version/verack handshake stream.
type legacyPeer struct {
	node   *gop2p.Node
	opts   options
	topics map[string]string
	out    *events
	meter  *counting // nil unless -count
}

func startLegacyPeer(ctx context.Context, opts options, out *events, meter *counting) (*legacyPeer, error) {
	node, err := gop2p.NewNode(ctx, opts.logger(), gop2p.Config{
		ProcessName:        "peer",
		PrivateKey:         opts.key,
		ListenAddresses:    []string{opts.listen},
		AdvertiseAddresses: legacyAdvertise(opts),
		Port:               opts.port,
		SharedKey:          opts.sharedKey,
		UsePrivateDHT:      opts.privateDHT,
		DHTProtocolID:      opts.dhtProtocolID,
		BootstrapAddresses: opts.bootstrap,
		StaticPeers:        opts.connect,
		Advertise:          true,
		OptimiseRetries:    true,
	})
	if err != nil {
		return nil, err
	}
	p := &legacyPeer{node: node, opts: opts, topics: opts.topics(), out: out, meter: meter}
	if meter != nil {
		// go-p2p v1.2.4 takes no pubsub options: no tracer, so peers are the host's connections.
		meter.peers = func() int { return len(node.CurrentlyConnectedPeers()) }
	}
	names := make([]string, 0, len(p.topics))
	for _, topic := range p.topics {
		names = append(names, topic)
	}
	node.SetPeerConnectedCallback(func(ctx context.Context, id peer.ID) {
		out.emit("peer-connected", map[string]any{"peer": id.String()})
		p.sendHandshake(ctx, id, gop2p.Version)
	})
	if err := node.Start(ctx, p.onStream, names...); err != nil {
		return nil, err
	}
	for kind, topic := range p.topics {
		kind := kind
		if err := node.SetTopicHandler(ctx, topic, func(ctx context.Context, data []byte, from string) {
			p.onTopicMessage(ctx, kind, topic, data, from)
		}); err != nil {
			return nil, err
		}
		if err := p.tapMessageIDs(ctx, kind, topic); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// legacyAdvertise is -announce (go-p2p reads host:port itself), else the listen address.
func legacyAdvertise(opts options) []string {
	if len(opts.announce) > 0 {
		return opts.announce
	}
	return []string{opts.listen}
}

// onTopicMessage is what Teranode v0.10's topic handlers got: raw JSON and the forwarding peer.
func (p *legacyPeer) onTopicMessage(ctx context.Context, kind, topic string, data []byte, from string) {
	payload, err := decodePayload(kind, p.opts.nodeStatus, data)
	if p.meter == nil { // counting mode counts in tapMessageIDs, which knows the author
		fields := map[string]any{"kind": kind, "topic": topic, "from": from, "data": string(data)}
		if err != nil {
			fields["decodeError"] = err.Error()
		} else {
			fields["payload"] = payload
		}
		p.out.emit("message", fields)
	}
	if kind == "handshake" && err == nil {
		p.onHandshake(ctx, payload.(*gop2p.HandshakeMessage), "topic", from)
	}
}

// tapMessageIDs reads a second subscription of the topic for what the handler does not see:
// the author, the seqno and go-libp2p-pubsub's message ID of every delivered message. With
// -count it counts instead, skipping the peer's own messages, which pubsub delivers locally
// (the bus profile's library drops them the same way).
func (p *legacyPeer) tapMessageIDs(ctx context.Context, kind, topic string) error {
	sub, err := p.node.GetTopic(topic).Subscribe()
	if err != nil {
		return err
	}
	go func() {
		for {
			m, err := sub.Next(ctx)
			if err != nil {
				return
			}
			if p.meter != nil {
				p.count(kind, topic, m)
				continue
			}
			p.out.emit("pubsub", map[string]any{
				"topic":        topic,
				"author":       m.GetFrom().String(),
				"receivedFrom": m.ReceivedFrom.String(),
				"seqno":        hex.EncodeToString(m.GetSeqno()),
				"messageId":    hex.EncodeToString([]byte(pubsub.DefaultMsgIdFn(m.Message))),
				"data":         string(m.Data),
			})
		}
	}()
	return nil
}

func (p *legacyPeer) count(kind, topic string, m *pubsub.Message) {
	author := m.GetFrom()
	if author == p.node.HostID() {
		return
	}
	payload, err := decodePayload(kind, p.opts.nodeStatus, m.Data)
	if err != nil {
		p.out.fail("decode "+kind+" from "+author.String(), err)
		return
	}
	p.meter.deliver(kind, topic, payload, author.String())
}

// onStream is Teranode v0.10's stream handler: one message per stream, read to EOF.
func (p *legacyPeer) onStream(stream network.Stream) {
	defer stream.Close()
	from := stream.Conn().RemotePeer().String()
	data, err := io.ReadAll(io.LimitReader(stream, maxHandshakeBytes+1))
	if err != nil || len(data) > maxHandshakeBytes {
		p.out.emit("stream-refused", map[string]any{"from": from, "bytes": len(data)})
		return
	}
	var message gop2p.HandshakeMessage
	if err := json.Unmarshal(data, &message); err != nil {
		p.out.emit("stream-refused", map[string]any{"from": from, "error": err.Error(), "data": string(data)})
		return
	}
	p.onHandshake(context.Background(), &message, "stream", from)
}

func (p *legacyPeer) onHandshake(ctx context.Context, message *gop2p.HandshakeMessage, via, from string) {
	if message.PeerID == p.id() {
		return
	}
	p.out.emit("handshake", map[string]any{"via": via, "from": from, "message": message})
	if message.Type != gop2p.Version || message.TopicPrefix != p.opts.topicPrefix() {
		return
	}
	id, err := peer.Decode(message.PeerID)
	if err != nil {
		p.out.fail("handshake peerID", err)
		return
	}
	p.sendHandshake(ctx, id, gop2p.Verack)
}

// sendHandshake sends over the direct stream, falling back to the topic as Teranode v0.10 did.
func (p *legacyPeer) sendHandshake(ctx context.Context, to peer.ID, kind gop2p.MessageType) {
	message := gop2p.HandshakeMessage{
		Type:        kind,
		PeerID:      p.id(),
		BestHeight:  uint32(p.opts.bestHeight),
		BestHash:    "",
		DataHubURL:  p.opts.dataHubURL,
		UserAgent:   p.opts.userAgent,
		Services:    0,
		TopicPrefix: p.opts.topicPrefix(),
	}
	data, _ := json.Marshal(message)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	via := "stream"
	if err := p.node.SendToPeer(ctx, to, data); err != nil {
		via = "topic"
		if err := p.node.Publish(ctx, p.topics["handshake"], data); err != nil {
			p.out.fail("handshake "+string(kind), err)
			return
		}
	}
	p.out.emit("handshake-sent", map[string]any{"to": to.String(), "type": string(kind), "via": via})
}

func (p *legacyPeer) id() string { return p.node.HostID().String() }

// addrs is the listen address: the one this machine's tests dial, whatever -announce says.
func (p *legacyPeer) addrs() []string {
	return []string{fmt.Sprintf("/ip4/%s/tcp/%d/p2p/%s", p.opts.listen, p.opts.port, p.id())}
}

func (p *legacyPeer) publish(ctx context.Context, kind string, data []byte) error {
	topic, ok := p.topics[kind]
	if !ok {
		return fmt.Errorf("no %s topic in the legacy profile", kind)
	}
	return p.node.Publish(ctx, topic, data)
}

func (p *legacyPeer) connect(ctx context.Context, addr string) error {
	return p.node.ConnectToPeer(ctx, addr)
}

func (p *legacyPeer) peers() []string {
	var ids []string
	for _, info := range p.node.CurrentlyConnectedPeers() {
		ids = append(ids, info.ID.String())
	}
	return ids
}

func (p *legacyPeer) close() { _ = p.node.Stop(context.Background()) }
