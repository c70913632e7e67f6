// Reference runner: robfig/cron v3, the parser Kubernetes (ParseStandard) and
// Kubeflow (seconds first, optional day of week) use. Reads JSON lines
// {"dialect","expr","tz","from","count"} on stdin, prints one JSON line each:
// {"runs":[RFC 3339 UTC...]} or {"error":"..."}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

type request struct {
	Dialect string `json:"dialect"`
	Expr    string `json:"expr"`
	TZ      string `json:"tz"`
	From    string `json:"from"`
	Count   int    `json:"count"`
}

type answer struct {
	Runs  []string `json:"runs,omitempty"`
	Error string   `json:"error,omitempty"`
}

var kubeflow = cron.NewParser(cron.Second | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.DowOptional | cron.Descriptor)

func run(req request) (ans answer) {
	// robfig panics on a few malformed specs (a TZ= prefix without a space): that is a rejection.
	defer func() {
		if r := recover(); r != nil {
			ans = answer{Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	from, err := time.Parse(time.RFC3339, req.From)
	if err != nil {
		return answer{Error: "bad from: " + err.Error()}
	}
	loc, err := time.LoadLocation(req.TZ)
	if err != nil {
		return answer{Error: "bad tz: " + err.Error()}
	}
	var sched cron.Schedule
	if req.Dialect == "kubernetes" {
		// The API server validates the schedule as written, and refuses a zone
		// inside it (spec.timeZone is the way; the controller then evaluates in it).
		if strings.Contains(req.Expr, "TZ") {
			return answer{Error: "cannot use TZ or CRON_TZ in schedule"}
		}
		sched, err = cron.ParseStandard(req.Expr)
	} else {
		// Kubeflow parses the string as given; without a prefix it runs in the
		// cluster's zone, which robfig takes from the time it is given.
		sched, err = kubeflow.Parse(req.Expr)
	}
	if err != nil {
		return answer{Error: err.Error()}
	}
	runs := []string{}
	t := from.In(loc)
	for i := 0; i < req.Count; i++ {
		t = sched.Next(t)
		if t.IsZero() {
			break
		}
		runs = append(runs, t.UTC().Format(time.RFC3339))
	}
	return answer{Runs: runs}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<22)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			enc.Encode(answer{Error: "bad request: " + err.Error()})
			continue
		}
		enc.Encode(run(req))
	}
}
