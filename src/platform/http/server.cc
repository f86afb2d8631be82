#include "platform/http/server.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

#include "platform/base/log.h"
#include "platform/http/security_headers.h"

namespace stepwise::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 0; i < 16; ++i) id[static_cast<std::size_t>(i)] = kHex[(v >> (4 * i)) & 0xF];
  return id;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

void SplitTarget(std::string_view target, Request& r) {
  auto q = target.find('?');
  r.path = PercentDecode(target.substr(0, q), false);
  if (q == std::string_view::npos) return;
  std::string_view qs = target.substr(q + 1);
  while (!qs.empty()) {
    auto amp = qs.find('&');
    std::string_view pair = qs.substr(0, amp);
    auto eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (!key.empty()) r.query[key] = value;
    if (amp == std::string_view::npos) break;
    qs.remove_prefix(amp + 1);
  }
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The first element of a comma-separated header value ("a, b, c" -> "a").
std::string_view FirstListItem(std::string_view v) { return TrimSpaces(v.substr(0, v.find(','))); }

// Behind a trusted proxy: the scheme it received (X-Forwarded-Proto) and the client it received from
// (the first X-Forwarded-For address; the documented proxy configuration sets it to the peer it saw).
// Values that are not an IP address are ignored, so a malformed header cannot put text in audit events.
void ApplyForwardedHeaders(Request& req) {
  if (auto proto = req.Header("x-forwarded-proto")) {
    std::string p(FirstListItem(*proto));
    for (auto& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.secure = req.secure || p == "https";
  }
  if (auto forwarded_for = req.Header("x-forwarded-for")) {
    std::string_view first = FirstListItem(*forwarded_for);
    if (first.size() > 2 && first.front() == '[' && first.back() == ']') first = first.substr(1, first.size() - 2);
    beast::error_code ec;
    auto address = asio::ip::make_address(std::string(first), ec);
    if (!ec) req.remote_address = address.to_string();
  }
}

// --- TLS ---------------------------------------------------------------------------------------------

// TLS 1.2: forward secrecy and AEAD only (Mozilla "intermediate" without DHE). TLS 1.3: its three suites.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

// The most recent OpenSSL error as text, and an empty error queue afterwards.
std::string OpenSslError() {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  const char* reason = ERR_reason_error_string(code);
  if (reason) return reason;
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

Status Readable(const std::string& key, const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Field(key, "cannot read " + path + ": " + std::strerror(errno));
  return Ok();
}

// An encrypted key would make OpenSSL prompt on the terminal; refuse instead.
int NoPassword(char*, int, int, void*) { return -1; }

Result<std::shared_ptr<ssl::context>> MakeTlsContext(const std::string& cert_file, const std::string& key_file) {
  if (cert_file.empty()) return Error::Field("tls_cert", "is required with tls_key (both or neither)");
  if (key_file.empty()) return Error::Field("tls_key", "is required with tls_cert (both or neither)");
  SW_TRY(Readable("tls_cert", cert_file));
  SW_TRY(Readable("tls_key", key_file));
  ERR_clear_error();
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* c = ctx->native_handle();
  if (SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION) != 1) {
    return Error::Unavailable("TLS: cannot require TLS 1.2: " + OpenSslError());
  }
  SSL_CTX_set_options(
      c, SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(c, SSL_MODE_RELEASE_BUFFERS);  // idle keep-alive connections hold no TLS buffers
  if (SSL_CTX_set_cipher_list(c, kTls12Ciphers) != 1 || SSL_CTX_set_ciphersuites(c, kTls13Suites) != 1) {
    return Error::Unavailable("TLS: cannot set the cipher list: " + OpenSslError());
  }
  if (SSL_CTX_use_certificate_chain_file(c, cert_file.c_str()) != 1) {
    return Error::Field("tls_cert", cert_file + " is not a PEM certificate (chain): " + OpenSslError());
  }
  BIO* bio = BIO_new_file(key_file.c_str(), "r");
  EVP_PKEY* raw_key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, NoPassword, nullptr) : nullptr;
  if (bio) BIO_free(bio);
  if (!raw_key) {
    return Error::Field("tls_key", key_file + " is not an unencrypted PEM private key: " + OpenSslError());
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(raw_key, EVP_PKEY_free);
  X509* cert = SSL_CTX_get0_certificate(c);
  if (!cert || X509_check_private_key(cert, pkey.get()) != 1) {
    ERR_clear_error();
    return Error::Field("tls_key", key_file + " does not match the certificate in " + cert_file);
  }
  if (SSL_CTX_use_PrivateKey(c, pkey.get()) != 1 || SSL_CTX_check_private_key(c) != 1) {
    return Error::Field("tls_key", key_file + " cannot be used with " + cert_file + ": " + OpenSslError());
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0) {
    log::Warn("tls_certificate_expired", {{"tls_cert", cert_file}});
  }
  return ctx;
}

}  // namespace

Status CheckTlsFiles(const std::string& cert_file, const std::string& key_file) {
  SW_ASSIGN(auto ctx, MakeTlsContext(cert_file, key_file));
  (void)ctx;
  return Ok();
}

Response HandleRequest(const Router& router, const StaticFiles& files, Request& request) {
  Response response;
  const bool api = request.path.starts_with("/api/") || router.Handles(request.path);
  if (api) {
    response = router.Dispatch(request);
  } else if ((request.method == Method::kGet || request.method == Method::kHead) && files.enabled()) {
    request.route = "(static)";
    auto r = files.Serve(request.path);
    response = r ? std::move(*r) : ErrorResponse(Error::NotFound("no such file"), request.request_id);
  } else {
    request.route = "(no route)";
    response = ErrorResponse(Error::NotFound("no such endpoint"), request.request_id);
  }
  ApplySecurityHeaders(response, api, request.secure);
  response.SetHeader("X-Request-Id", request.request_id);
  return response;
}

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  StaticFiles files;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::unique_ptr<asio::thread_pool> pool;
  std::shared_ptr<ssl::context> tls;  // set when serving HTTPS
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  std::atomic<bool> stopping{false};
  unsigned short bound_port = 0;
  std::function<void()> on_serving;

  Impl(ServerOptions o, const Router& r) : options(std::move(o)), router(r), files(options.web_root) {}

  void Accept(std::size_t i);
  void BeginDrain();
};

namespace {

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection. The same code serves plain HTTP and HTTPS; `if constexpr (kTls)` marks the few
// places where they differ (the handshake, and closing with a TLS close_notify).
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(MakeStream(std::move(socket), server)), server_(server) {
    beast::error_code ec;
    auto ep = Socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    Socket().set_option(tcp::no_delay(true), ec);
  }

  void Start() {
    if constexpr (kTls) {
      Lowest().expires_after(server_.options.handshake_timeout);
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        // Plain HTTP to the HTTPS port, an old protocol version or no shared cipher: no response, only a close.
        if (ec) return self->CloseSocket();
        self->DoRead();
      });
    } else {
      DoRead();
    }
  }

 private:
  static Stream MakeStream(tcp::socket socket, Server::Impl& server) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *server.tls);
    } else {
      return Stream(std::move(socket));
    }
  }
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }
  tcp::socket& Socket() { return Lowest().socket(); }

  void DoRead() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    Lowest().expires_after(server_.options.request_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    // The peer went away, timed out or broke TLS: nothing to answer.
    static const auto& http_errors = bhttp::make_error_code(bhttp::error::end_of_stream).category();
    if (ec == bhttp::error::end_of_stream || (ec && ec.category() != http_errors)) return CloseSocket();
    started_ = std::chrono::steady_clock::now();
    Request req;
    req.request_id = NewRequestId();
    req.remote_address = remote_;
    req.secure = kTls;
    if (ec) {
      Error e = ec == bhttp::error::body_limit     ? Error::TooLarge("the request body is larger than the limit")
                : ec == bhttp::error::header_limit ? Error::TooLarge("the request headers are larger than the limit")
                                                   : Error::InvalidArgument("the request is not valid HTTP");
      keep_alive_ = false;
      req.route = "(bad request)";
      Response r = ErrorResponse(e, req.request_id);
      ApplySecurityHeaders(r, true, kTls);
      r.SetHeader("X-Request-Id", req.request_id);
      ++server_.in_flight;
      linger_ = true;
      return Write(std::move(req), std::move(r), false);
    }
    auto& msg = parser_->get();
    keep_alive_ = msg.keep_alive();
    req.method = ToMethod(msg.method());
    SplitTarget(msg.target(), req);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    // Without a trusted proxy, X-Forwarded-* come from the client and mean nothing.
    if (server_.options.behind_proxy) ApplyForwardedHeaders(req);
    req.body = std::move(msg.body());
    const bool head = req.method == Method::kHead;
    ++server_.in_flight;
    if (server_.pool) {
      asio::post(*server_.pool, [self = this->shared_from_this(), req = std::move(req), head]() mutable {
        Response r = HandleRequest(self->server_.router, self->server_.files, req);
        asio::post(self->stream_.get_executor(), [self, req = std::move(req), r = std::move(r), head]() mutable {
          self->Write(std::move(req), std::move(r), head);
        });
      });
    } else {
      Response r = HandleRequest(server_.router, server_.files, req);
      Write(std::move(req), std::move(r), head);
    }
  }

  void Write(Request req, Response r, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->result(static_cast<unsigned>(r.status));
    res->version(11);
    res->set(bhttp::field::server, "stepwise");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->set(k, v);
    const bool keep = keep_alive_ && !server_.draining.load();
    res->keep_alive(keep);
    const std::size_t size = r.body.size();
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (head) {
      res->body().clear();
      res->content_length(size);
    }
    auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.2f", elapsed);
    // The route pattern, never the raw path or query string: those can carry names or dates of birth.
    log::Info("http_request", {{"request_id", req.request_id},
                               {"method", MethodName(req.method)},
                               {"route", req.route},
                               {"status", std::to_string(r.status)},
                               {"bytes", std::to_string(size)},
                               {"ms", ms}});
    Lowest().expires_after(server_.options.request_timeout);
    bhttp::async_write(stream_, *res, [self = this->shared_from_this(), res, keep](beast::error_code ec, std::size_t) {
      --self->server_.in_flight;
      if (!ec && self->linger_) return self->Linger();
      if (ec) return self->CloseSocket();
      if (!keep) return self->Close();
      self->DoRead();
    });
  }

  // After refusing a request whose body we did not read (too large, malformed), stop sending but
  // keep reading and discarding for a moment, so the client receives our answer instead of a reset.
  // (Under TLS the discarded bytes are read below TLS: they are only drained, never parsed.)
  void Linger() {
    beast::error_code ec;
    Socket().shutdown(tcp::socket::shutdown_send, ec);
    Lowest().expires_after(std::chrono::seconds(2));
    discard_.resize(16 * 1024);
    Lowest().async_read_some(asio::buffer(discard_),
                             [self = this->shared_from_this()](beast::error_code e, std::size_t) {
                               if (e) return self->CloseSocket();
                               self->Linger();
                             });
  }

  // The end of a conversation that went well: under TLS, send close_notify first (waiting briefly for
  // the peer's), so the client can tell a complete response from a truncated one.
  void Close() {
    if constexpr (kTls) {
      Lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->CloseSocket(); });
    } else {
      CloseSocket();
    }
  }

  void CloseSocket() {
    beast::error_code ec;
    Socket().shutdown(tcp::socket::shutdown_send, ec);
    Socket().close(ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  std::string remote_;
  bool keep_alive_ = true;
  bool linger_ = false;
  std::vector<char> discard_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

void Server::Impl::Accept(std::size_t i) {
  auto& acceptor = *acceptors[i];
  acceptor.async_accept(asio::make_strand(*contexts[i]), [this, i](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || draining) return;
      log::Warn("accept_failed", {{"error", ec.message()}});
    } else if (tls) {
      std::make_shared<Session<TlsStream>>(std::move(socket), *this)->Start();
    } else {
      std::make_shared<Session<PlainStream>>(std::move(socket), *this)->Start();
    }
    if (!draining) Accept(i);
  });
}

void Server::Impl::BeginDrain() {
  if (draining.exchange(true)) return;
  log::Info("shutdown_started", {{"in_flight", std::to_string(in_flight.load())}});
  for (std::size_t i = 0; i < acceptors.size(); ++i) {
    asio::post(*contexts[i], [this, i] {
      beast::error_code ec;
      acceptors[i]->close(ec);
    });
  }
  auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  auto timer = std::make_shared<asio::steady_timer>(*contexts[0]);
  auto poll = std::make_shared<std::function<void()>>();
  *poll = [this, timer, deadline, poll] {
    if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      log::Info("shutdown_complete", {{"unfinished", std::to_string(in_flight.load())}});
      for (auto& c : contexts) c->stop();
      *poll = nullptr;  // break the self-reference
      return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([poll](beast::error_code) {
      if (*poll) (*poll)();
    });
  };
  asio::post(*contexts[0], [poll] { (*poll)(); });
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

unsigned short Server::port() const { return impl_->bound_port; }

void Server::OnServing(std::function<void()> f) { impl_->on_serving = std::move(f); }

Status Server::Bind() {
  auto& o = impl_->options;
  if (o.tls()) {
    SW_ASSIGN(impl_->tls, MakeTlsContext(o.tls_cert, o.tls_key));
  }
  int n = o.io_threads > 0 ? o.io_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  beast::error_code ec;
  auto address = asio::ip::make_address(o.address, ec);
  if (ec) return Error::Field("listen", "is not an IP address: " + o.address);
  unsigned short port = o.port;
  for (int i = 0; i < n; ++i) {
    impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
    auto acc = std::make_unique<tcp::acceptor>(*impl_->contexts.back());
    tcp::endpoint ep(address, port);
    acc->open(ep.protocol(), ec);
    if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) {
      int one = 1;
      ::setsockopt(acc->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
      acc->bind(ep, ec);
    }
    if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error::Unavailable("cannot listen on " + o.address + ":" + std::to_string(port) + ": " + ec.message());
    }
    if (i == 0) port = acc->local_endpoint().port();
    impl_->acceptors.push_back(std::move(acc));
  }
  impl_->bound_port = port;
  if (o.handler_threads > 0) impl_->pool = std::make_unique<asio::thread_pool>(o.handler_threads);
  return Ok();
}

Status Server::Run() {
  if (impl_->acceptors.empty()) SW_TRY(Bind());
  auto& ctxs = impl_->contexts;
  std::optional<asio::signal_set> signals;
  if (impl_->options.handle_signals) {
    signals.emplace(*ctxs[0], SIGINT, SIGTERM);
    signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->BeginDrain();
    });
  }
  for (std::size_t i = 0; i < impl_->acceptors.size(); ++i) impl_->Accept(i);
  if (impl_->stopping) impl_->BeginDrain();
  log::Info("serving", {{"address", impl_->options.address},
                        {"port", std::to_string(impl_->bound_port)},
                        {"scheme", impl_->tls ? "https" : "http"},
                        {"behind_proxy", impl_->options.behind_proxy ? "true" : "false"},
                        {"io_threads", std::to_string(ctxs.size())}});
  if (impl_->on_serving) impl_->on_serving();
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < ctxs.size(); ++i) threads.emplace_back([&ctx = *ctxs[i]] { ctx.run(); });
  ctxs[0]->run();
  for (auto& t : threads) t.join();
  if (impl_->pool) impl_->pool->join();
  return Ok();
}

void Server::Stop() {
  impl_->stopping = true;
  if (!impl_->contexts.empty()) asio::post(*impl_->contexts[0], [this] { impl_->BeginDrain(); });
}

}  // namespace stepwise::http
