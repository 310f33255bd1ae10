#!/usr/bin/env bash
# Shows whether each service of the running local stack is ready.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
endpoints="$GRIDFLEX_RUN_DIR/stack.json"
if [ ! -f "$endpoints" ]; then echo "GridFlex has not been started here."; exit 1; fi
grep -Eo '"[a-z-]+" : "http://[^"]+"' "$endpoints" | grep -v keycloak | while read -r line; do
  name="$(echo "$line" | cut -d'"' -f2)"; url="$(echo "$line" | cut -d'"' -f4)"
  if curl -fsS -o /dev/null --max-time 3 "$url/q/health/ready"; then state=ready; else state=DOWN; fi
  printf '%-22s %-6s %s\n' "$name" "$state" "$url"
done
