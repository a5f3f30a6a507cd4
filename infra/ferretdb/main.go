// Command ferretdb-local runs an embedded FerretDB (v1, SQLite backend) as a
// MongoDB-compatible server for local runs and tests.
//
// Why our own main: MongoDB cannot be installed on dev/CI machines without
// Docker, and FerretDB's own cmd/ferretdb panics when built with `go install`
// (it expects generated build/version files). The embeddable package has no
// such requirement, and the SQLite handler is pure Go (no cgo, no PostgreSQL).
//
// Started and stopped by scripts/infra/ferretdb.sh.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// ReadyLine is printed once the TCP listener is bound; the start script waits for it.
const readyLine = "ferretdb-local: listening on"

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen", env("FERRETDB_LISTEN", "127.0.0.1:27017"), "TCP listen address (env FERRETDB_LISTEN)")
	data := flag.String("data", env("FERRETDB_DATA", ".local/ferretdb/data"), "SQLite data directory (env FERRETDB_DATA)")
	logLevel := flag.String("log-level", env("FERRETDB_LOG_LEVEL", "info"), "debug|info|warn|error (env FERRETDB_LOG_LEVEL)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-local: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level}))

	if err := run(*listen, *data, logger); err != nil {
		logger.Error("ferretdb-local: fatal", "error", err)
		os.Exit(1)
	}
}

func run(listen, data string, logger *slog.Logger) error {
	dir, err := filepath.Abs(data)
	if err != nil {
		return err
	}
	// The SQLite handler requires an existing directory and a "file:" URI ending with "/".
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sqliteURL := (&url.URL{Scheme: "file", Path: strings.TrimSuffix(dir, "/") + "/"}).String()

	// Telemetry: the embeddable package never starts the reporter and marks it disabled+locked.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	// New() has already bound the TCP socket; connections queue until Run accepts them.
	fmt.Printf("%s %s (data %s, uri %s)\n", readyLine, listen, dir, f.MongoDBURI())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err = f.Run(ctx); err != nil {
		return err
	}
	logger.Info("ferretdb-local: stopped cleanly")
	return nil
}
