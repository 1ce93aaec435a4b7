package main

import (
	"context"
	"fmt"
	"net"

	msgbus "github.com/bsv-blockchain/go-p2p-message-bus"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
)

// busPeer is a Teranode v0.11 node's networking: go-p2p-message-bus v0.0.7 configured as
// Teranode's NewServer configures it (envelope, node_status topic, no shared key).
type busPeer struct {
	client msgbus.P2PClient
	opts   options
	topics map[string]string
	meter  *counting // nil unless -count
}

func startBusPeer(ctx context.Context, opts options, out *events, meter *counting) (*busPeer, error) {
	key, err := busKey(opts.key)
	if err != nil {
		return nil, err
	}
	config := msgbus.Config{
		Name:            opts.name,
		PrivateKey:      key,
		Port:            opts.port,
		ProtocolVersion: fmt.Sprintf("/teranode/bitcoin/%s/1.0.0", opts.network),
		RelayPeers:      opts.connect,
		Logger:          opts.logger(),
	}
	if meter != nil {
		meter.tracer = newGossipTracer()
		config.PubSubOptions = []pubsub.Option{pubsub.WithRawTracer(meter.tracer)}
	}
	// Teranode passes p2p_advertise_addresses as AnnounceAddrs (and only then a fixed port).
	config.AnnounceAddrs = announceMultiaddrs(opts)
	config.DisableMDNS = !opts.mdns
	client, err := msgbus.NewClient(config)
	if err != nil {
		return nil, err
	}
	p := &busPeer{client: client, opts: opts, topics: opts.topics(), meter: meter}
	for kind, topic := range p.topics {
		go p.receive(ctx, kind, client.Subscribe(topic), out)
	}
	return p, nil
}

// receive decodes each delivered payload into Teranode's struct and prints it (counts it
// with -count). The bus delivers no message its own peer authored.
func (p *busPeer) receive(ctx context.Context, kind string, messages <-chan msgbus.Message, out *events) {
	for {
		select {
		case <-ctx.Done():
			return
		case m, ok := <-messages:
			if !ok {
				return
			}
			if p.meter != nil {
				p.count(kind, m)
				continue
			}
			fields := map[string]any{
				"kind":   kind,
				"topic":  m.Topic,
				"from":   m.From,
				"fromId": m.FromID,
				"data":   string(m.Data),
			}
			payload, err := decodePayload(kind, p.opts.nodeStatus, m.Data)
			if err != nil {
				fields["decodeError"] = err.Error()
			} else {
				fields["payload"] = payload
			}
			out.emit("message", fields)
		}
	}
}

func (p *busPeer) count(kind string, m msgbus.Message) {
	payload, err := decodePayload(kind, p.opts.nodeStatus, m.Data)
	if err != nil {
		p.meter.out.fail("decode "+kind+" from "+m.FromID, err)
		return
	}
	p.meter.deliver(kind, m.Topic, payload, m.FromID)
}

// announceMultiaddrs turns -announce host:port values into TCP multiaddrs (dns4 for names);
// without any, a peer with a fixed port announces 127.0.0.1 and that port.
func announceMultiaddrs(opts options) []string {
	if len(opts.announce) == 0 {
		if opts.port == 0 {
			return nil
		}
		return []string{fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", opts.port)}
	}
	addrs := make([]string, 0, len(opts.announce))
	for _, hostPort := range opts.announce {
		host, port, _ := net.SplitHostPort(hostPort) // checked by parseOptions
		proto := "dns4"
		if ip := net.ParseIP(host); ip != nil {
			proto = "ip4"
			if ip.To4() == nil {
				proto = "ip6"
			}
		}
		addrs = append(addrs, fmt.Sprintf("/%s/%s/tcp/%s", proto, host, port))
	}
	return addrs
}

func (p *busPeer) id() string { return p.client.GetID() }

// addrs is the listen address: the one this machine's tests dial, whatever -announce says.
func (p *busPeer) addrs() []string {
	if p.opts.port == 0 {
		return nil
	}
	return []string{fmt.Sprintf("/ip4/127.0.0.1/tcp/%d/p2p/%s", p.opts.port, p.id())}
}

func (p *busPeer) publish(ctx context.Context, kind string, data []byte) error {
	topic, ok := p.topics[kind]
	if !ok {
		return fmt.Errorf("no %s topic in the bus profile", kind)
	}
	return p.client.Publish(ctx, topic, data)
}

func (p *busPeer) connect(context.Context, string) error {
	return fmt.Errorf("go-p2p-message-bus v0.0.7 has no connect API: pass -connect at start (p2p_relay_peers)")
}

func (p *busPeer) peers() []string {
	var ids []string
	for _, info := range p.client.GetPeers() {
		ids = append(ids, info.ID)
	}
	return ids
}

func (p *busPeer) close() { _ = p.client.Close() }
