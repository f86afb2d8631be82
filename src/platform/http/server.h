// The HTTP server (Boost.Beast/Asio). The only file that knows Beast; everything it hands onwards is
// a plain Request and everything it gets back a plain Response.
//
// One io_context per thread, each with its own SO_REUSEPORT listener. Keep-alive, limits on header
// size, body size and request time, a request id on every response and access-log line, and a
// graceful stop on SIGTERM/SIGINT (or Stop()) that finishes in-flight requests before returning.
//
// TLS: with a certificate and key the server speaks only HTTPS (TLS 1.2 and 1.3, ECDHE with AEAD
// ciphers, no renegotiation, no compression; a plain-HTTP request fails the handshake). Behind a
// TLS-terminating reverse proxy (`behind_proxy`), it trusts the proxy's X-Forwarded-Proto and the first
// X-Forwarded-For address; otherwise those headers are ignored. See docs/adr/0008-tls-in-process-or-proxy.md.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "platform/base/result.h"
#include "platform/http/request.h"
#include "platform/http/router.h"
#include "platform/http/static_files.h"

namespace stepwise::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (see Server::port())
  int io_threads = 0;          // 0: one per core
  int handler_threads = 0;     // 0: handlers run on the I/O thread; >0: on a worker pool
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds shutdown_grace{15000};
  std::string web_root;  // built web app; "" serves the API only
  bool handle_signals = true;
  // PEM files; both set: serve HTTPS only. Neither: plain HTTP (loopback or behind a proxy; app/ decides).
  std::string tls_cert;  // the certificate chain, leaf first
  std::string tls_key;   // its private key (unencrypted)
  std::chrono::milliseconds handshake_timeout{10000};
  // A TLS-terminating reverse proxy forwards to us: trust X-Forwarded-Proto and X-Forwarded-For.
  bool behind_proxy = false;

  bool tls() const { return !tls_cert.empty() || !tls_key.empty(); }
};

// Loads and checks the certificate and key as the server would (readable, PEM, the key matches the
// certificate), so start-up can fail before anything else happens. Errors name tls_cert or tls_key.
Status CheckTlsFiles(const std::string& cert_file, const std::string& key_file);

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listeners (so port() is known), without serving yet.
  Status Bind();
  // Serves until a signal or Stop(); returns after in-flight requests finish (or the grace ends).
  Status Run();
  // Asks Run() to stop gracefully; safe from any thread.
  void Stop();
  unsigned short port() const;
  // Calls back once Run() has started serving.
  void OnServing(std::function<void()> f);

  struct Impl;  // defined in server.cc; public only so the connection code there can name it

 private:
  std::unique_ptr<Impl> impl_;
};

// Handles one request exactly as the server would (router, static files, headers); used by Server and
// by tests that need no socket.
Response HandleRequest(const Router& router, const StaticFiles& files, Request& request);

}  // namespace stepwise::http
