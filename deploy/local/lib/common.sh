# Shared by the deploy/local scripts. Source it; it defines functions and GRIDFLEX_ROOT, changes nothing else.

GRIDFLEX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
GRIDFLEX_MIN_JAVA=21

# Prints the major Java version of the JDK at $1, or nothing if it is not a JDK with javac.
gridflex_jdk_version() {
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

# Exports JAVA_HOME as a JDK >= 21: the current JAVA_HOME if it qualifies, else the newest one installed in the
# usual places. The default `java` on PATH may be older; we never rely on it.
gridflex_use_jdk() {
  local candidates=() best="" best_version=0 home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  if [ -n "${JAVA_HOME:-}" ]; then
    version="$(gridflex_jdk_version "$JAVA_HOME")"
    if [ -n "$version" ] && [ "$version" -ge "$GRIDFLEX_MIN_JAVA" ]; then
      best="$JAVA_HOME"; best_version="$version"
    fi
  fi
  if [ -z "$best" ]; then
    for home in "${candidates[@]}"; do
      version="$(gridflex_jdk_version "$home")"
      if [ -n "$version" ] && [ "$version" -ge "$GRIDFLEX_MIN_JAVA" ] && [ "$version" -gt "$best_version" ]; then
        best="$home"; best_version="$version"
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "GridFlex needs a JDK $GRIDFLEX_MIN_JAVA or newer, and none was found." >&2
    echo "Looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, javac on PATH, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "Using JDK $best_version at $JAVA_HOME" >&2
}

gridflex_mvn() {
  (cd "$GRIDFLEX_ROOT" && ./mvnw -B "$@")
}

GRIDFLEX_STACK_JAR="$GRIDFLEX_ROOT/deploy/local/target/gridflex-local-stack.jar"
GRIDFLEX_RUN_DIR="${GRIDFLEX_RUN_DIR:-$GRIDFLEX_ROOT/deploy/local/.run}"

# Builds the platform (without tests) unless the stack jar is newer than every source file.
gridflex_build_if_needed() {
  if [ -f "$GRIDFLEX_STACK_JAR" ] && [ -z "$(cd "$GRIDFLEX_ROOT" && find pom.xml schemas services deploy \
      -path '*/target' -prune -o -path '*/.run' -prune -o -type f -newer "$GRIDFLEX_STACK_JAR" -print -quit)" ]; then
    echo "GridFlex is already built (delete $GRIDFLEX_STACK_JAR to force a rebuild)." >&2
    return 0
  fi
  echo "Building GridFlex (first time: downloads dependencies and servers from Maven Central)..." >&2
  gridflex_mvn -q install -DskipTests
}

gridflex_java() {
  "$JAVA_HOME/bin/java" "$@"
}

# The settlement pages are tested in a real headless Chromium: Debian's chromium and chromium-driver. Installs them
# when missing and this is root (or may sudo) on Debian, as on CI; otherwise says what to install.
gridflex_use_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  local as_root=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  fi
  if { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver for the browser tests (Debian packages)" >&2
    $as_root apt-get update -qq >/dev/null
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
      chromium-driver >/dev/null
  else
    echo "The browser tests need Chromium and its driver: apt-get install chromium chromium-driver" >&2
    return 1
  fi
}
