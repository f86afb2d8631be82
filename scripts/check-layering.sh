#!/usr/bin/env bash
# Enforces the dependency rules of docs/architecture.md on every file under src/.
set -u
cd "$(dirname "$0")/.."
fail=0
report() { echo "layering: $1"; fail=1; }

# Beast/Asio only in platform/http/server.cc.
for f in $(grep -rlE '#include *<boost/(beast|asio)' src | grep -v '^src/platform/http/server\.cc$'); do
  report "$f includes Beast/Asio (only src/platform/http/server.cc may)"
done
# Database drivers only in their own folders.
for f in $(grep -rl '#include *<sqlite3.h>' src | grep -v '^src/platform/db/sqlite/'); do report "$f includes sqlite3.h"; done
for f in $(grep -rl '#include *<libpq-fe.h>' src | grep -v '^src/platform/db/postgres/'); do report "$f includes libpq-fe.h"; done
# Cairo/Pango only in the PDF renderer.
for f in $(grep -rlE '#include *<(cairo|pango)' src | grep -v '^src/platform/pdf/render\.cc$'); do
  report "$f includes Cairo/Pango (only src/platform/pdf/render.cc may)"
done
# The tz database library only behind platform/base/time_zone.h.
for f in $(grep -rl '#include *<date/' src | grep -v '^src/platform/base/time_zone\.cc$'); do
  report "$f includes date/tz (only src/platform/base/time_zone.cc may)"
done
# Only app/ names a concrete database.
for f in $(grep -rlE '#include "platform/db/(sqlite|postgres)/' src | grep -v '^src/app/' | grep -v '^src/platform/db/' | grep -v '_test\.cc$'); do
  report "$f names a concrete database (only src/app/ may)"
done
# platform/ knows nothing of the care pathway or the app.
for f in $(grep -rlE '#include "(care|insight|interop|app)/' src/platform); do report "$f (platform) includes a higher layer"; done
# Pure model files (*_model.*, platform/base, the level-of-care policy, DSM-5 and TEDS) include no Boost, SQL,
# JSON or HTTP.
for f in $(ls src/care/*/*_model.h src/care/*/*_model.cc src/platform/base/*.h src/care/assessment/level_of_care*.h \
             src/care/assessment/level_of_care*.cc src/care/assessment/dsm5.* src/care/admissions/teds.* \
             src/platform/pdf/document.* src/care/documents/signature.h src/care/documents/signature.cc 2>/dev/null); do
  if grep -qE '#include *(<boost/|<sqlite3|<libpq|"platform/(db|http)/)' "$f"; then report "$f is a pure model file but includes I/O headers"; fi
done
# The optimizer is pure (standard library and platform/base only). COIN-OR (CBC, Clp) only in the optimizer's
# exact neighbourhoods, src/care/scheduling/optimizer_mip.cc (ADR 0014), and under tests/ and bench/.
for f in src/care/scheduling/optimizer*; do
  if grep -qE '#include *(<boost/|<sqlite3|<libpq|"platform/(db|http|security|audit)/)' "$f"; then
    report "$f (the optimizer) is pure but includes I/O headers"
  fi
done
for f in $(grep -rlE '#include *<(coin/|Cbc|Osi|Clp|Coin)' src | grep -v '^src/care/scheduling/optimizer_mip\.cc$'); do
  report "$f includes COIN-OR (only src/care/scheduling/optimizer_mip.cc, tests/ and bench/ may)"
done
# Routes never include Beast (covered above) and stores never include HTTP.
for f in $(ls src/care/*/*_store.* 2>/dev/null); do
  if grep -q '#include "platform/http/' "$f"; then report "$f (store) includes the HTTP layer"; fi
done
if [ $fail -eq 0 ]; then echo "layering: ok"; fi
exit $fail
