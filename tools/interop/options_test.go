package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCountingFlags(t *testing.T) {
	o, err := parseOptions([]string{"-count", "-stats-interval", "250ms", "-cpu-profile", "/tmp/p.pprof"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.count || o.statsInterval != 250*time.Millisecond || o.cpuProfile != "/tmp/p.pprof" || !o.logger().quiet {
		t.Fatalf("options %+v", o)
	}
	if o, _ = parseOptions(nil); o.count || o.statsInterval != time.Second || !o.mdns {
		t.Fatalf("defaults %+v", o)
	}
}

func TestBadFlagsAreRefusedWithTheReason(t *testing.T) {
	for args, reason := range map[string]string{
		"-stats-interval 0":           "-stats-interval must be positive",
		"-announce 10.0.0.1":          "want host:port",
		"-profile legacy -mdns=false": "-mdns applies to the bus profile only",
		"-node-status v0.9":           "-node-status must be",
		"-profile floodsub":           "-profile must be bus or legacy",
		"-stats-interval one-second":  "invalid value",
	} {
		_, err := parseOptions(strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%s: error %v, want %q", args, err, reason)
		}
	}
}

func TestAnnounceAddressesOfTheBusProfile(t *testing.T) {
	o, err := parseOptions([]string{"-port", "9905", "-announce", "10.0.0.7:19905", "-announce", "proxy.local:29905", "-announce", "[::1]:9905"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/ip4/10.0.0.7/tcp/19905", "/dns4/proxy.local/tcp/29905", "/ip6/::1/tcp/9905"}
	if got := announceMultiaddrs(o); !reflect.DeepEqual(got, want) {
		t.Fatalf("announce %v, want %v", got, want)
	}
	o, _ = parseOptions([]string{"-port", "9905"})
	if got := announceMultiaddrs(o); !reflect.DeepEqual(got, []string{"/ip4/127.0.0.1/tcp/9905"}) {
		t.Fatalf("default announce %v", got)
	}
}
