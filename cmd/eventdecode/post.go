package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// Replay: eventdecode --post URL FILE... sends each file as one request body to URL, the way the
// platform delivers it (its method and content type, signed when its spec declares a signature scheme),
// and prints one line per file: "FILE: STATUS". A directory stands for the *.json files under it, in
// lexical order. It is meant for exercising a receiver locally with the vendor samples and fixtures.

// deliverySpecs are the delivery declarations of the platforms eventdecode can post for.
var deliverySpecs = map[string]func() webhook.Spec{
	"livechat": livechat.DeliverySpec,
	"mchat":    mchat.DeliverySpec,
	"mluvii":   mluvii.DeliverySpec,
}

// postTimeout bounds each request.
const postTimeout = 30 * time.Second

// postFiles posts every input to url and returns the exit status: 1 when a file could not be read or
// sent, or was answered with anything but 2xx.
func postFiles(platform, url string, secrets []string, inputs []string, stdout, stderr io.Writer) int {
	spec := deliverySpecs[platform]()
	if spec.Signature != "" && len(secrets) == 0 {
		fmt.Fprintf(stderr, "eventdecode: %s signs its requests (%s): give --signing-secret\n", platform, spec.Signature)
		return 2
	}
	files, err := expandJSONFiles(inputs)
	if err != nil {
		fmt.Fprintln(stderr, "eventdecode:", err)
		return 1
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "eventdecode: --post: no files to send")
		return 2
	}
	client := &http.Client{Timeout: postTimeout}
	status := 0
	for _, f := range files {
		code, err := postFile(client, spec, url, f, secrets)
		if err != nil {
			fmt.Fprintf(stderr, "eventdecode: %s: %v\n", f, err)
			status = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: %d %s\n", f, code, http.StatusText(code))
		if code/100 != 2 {
			status = 1
		}
	}
	return status
}

// postFile sends one file and returns the answer's status.
func postFile(client *http.Client, spec webhook.Spec, url, file string, secrets []string) (int, error) {
	body, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequest(spec.Method, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", spec.ContentType)
	req.Header.Set("User-Agent", "eventdecode --post")
	if len(secrets) > 0 {
		if err := webhook.Sign(req.Header, deliveryID(), time.Now(), body, secrets...); err != nil {
			return 0, err
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, nil
}

// deliveryID returns a fresh id for a signed request, as a platform gives each delivery.
func deliveryID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "msg_" + hex.EncodeToString(b[:])
}

// expandInputs replaces each directory by the *.json files under it, sorted; files stay as given.
func expandJSONFiles(inputs []string) ([]string, error) {
	var out []string
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, in)
			continue
		}
		var found []string
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".json") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}
