// Command ferretdb-local runs an embedded FerretDB (v1) as a MongoDB-compatible
// server for local runs and tests, on its SQLite backend (a directory) or its
// PostgreSQL backend (a PostgreSQL server, see scripts/infra/postgres.sh).
//
// Why our own main: MongoDB cannot be installed on dev/CI machines without
// Docker, and FerretDB's own cmd/ferretdb panics when built with `go install`
// (it expects generated build/version files). The embeddable package has no
// such requirement, and both handlers are pure Go (no cgo).
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
	handler := flag.String("handler", env("FERRETDB_HANDLER", "sqlite"), "sqlite|postgresql (env FERRETDB_HANDLER)")
	postgresURL := flag.String("postgresql-url", env("FERRETDB_POSTGRESQL_URL", ""), "PostgreSQL URL for -handler postgresql (env FERRETDB_POSTGRESQL_URL)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-local: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level}))

	if *handler != "sqlite" && *handler != "postgresql" {
		fmt.Fprintf(os.Stderr, "ferretdb-local: bad -handler %q: sqlite or postgresql\n", *handler)
		os.Exit(2)
	}
	if *handler == "postgresql" && *postgresURL == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-local: -handler postgresql needs -postgresql-url")
		os.Exit(2)
	}

	if err := run(*listen, *data, *handler, *postgresURL, logger); err != nil {
		logger.Error("ferretdb-local: fatal", "error", err)
		os.Exit(1)
	}
}

func run(listen, data, handler, postgresURL string, logger *slog.Logger) error {
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
	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
		Handler:  handler,
	}
	if handler == "postgresql" {
		config.PostgreSQLURL = postgresURL
	} else {
		config.SQLiteURL = sqliteURL
	}
	f, err := ferretdb.New(config)
	if err != nil {
		return err
	}

	// New() has already bound the TCP socket; connections queue until Run accepts them.
	where := "data " + dir
	if handler == "postgresql" {
		where = "postgresql " + strings.SplitN(postgresURL, "?", 2)[0]
	}
	fmt.Printf("%s %s (handler %s, %s, uri %s)\n", readyLine, listen, handler, where, f.MongoDBURI())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err = f.Run(ctx); err != nil {
		return err
	}
	logger.Info("ferretdb-local: stopped cleanly")
	return nil
}
