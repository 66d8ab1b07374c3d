# Shared by ./squall and ./test: find a JDK >= 25, make the OpenCL ICD loader reachable by JOCL, and (./squall with
# TORNADOVM_HOME) put TornadoVM's API into the local Maven repository.
# Sourced, not run. Functions print errors on stderr and return non-zero; callers decide the exit code.

SQUALL_MIN_JAVA=25

# What a probe of a java launcher runs: a JVM small enough to start wherever the user's own run could (a low
# ulimit -v, a small container), where the JVM's default heap (a quarter of the memory) and class space (1 GiB)
# might not fit; it leaves no hs_err or replay file behind. Options another JVM does not know are ignored.
SQUALL_JAVA_PROBE=(-XX:+IgnoreUnrecognizedVMOptions -Xmx16m -Xss1m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  -XX:CompressedClassSpaceSize=16m -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData -XX:-CreateCoredumpOnCrash
  -XX:ErrorFile=/dev/null -XX:ReplayDataFile=/dev/null -XshowSettings:properties -version)

# Probes the java launcher $1: prints "java N" (its major version), or "error WHY" when it cannot say, WHY being its
# own first error lines. Run from /, so that neither a deleted current directory nor a crash file involves the user's.
squall_java_probe() {
  local out rc=0 version why
  out=$(cd / && "$1" "${SQUALL_JAVA_PROBE[@]}" 2>&1) || rc=$?
  version=$(printf '%s\n' "$out" | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$version" in
    "") ;;
    1.*) echo "java $(echo "${version#1.}" | cut -d. -f1)"; return 0 ;;
    *) echo "java ${version%%.*}"; return 0 ;;
  esac
  # The JVM's reason takes two lines ("Error occurred during initialization of VM", then why; or a "#" banner).
  why=$(printf '%s\n' "$out" | sed 's/^# *//' | awk 'NF {
    line = line (line == "" ? "" : line ~ /[.:]$/ ? " " : ": ") $0; if (++n == 2) exit } END { print line }')
  if [ "$rc" -ne 0 ]; then
    [ "$rc" -le 128 ] || rc="$rc (signal $((rc - 128)))"
    echo "error failed to start: ${why:-exit status $rc and no output}"
  else
    echo "error did not print java.specification.version${why:+: $why}"
  fi
}

# The version of the java launcher $1 (a real path), as squall_java_probe prints it. With SQUALL_JDK_CACHE set (a file
# in a folder that exists), a version is probed once per launcher and file time and kept there: the probes cost
# 40 ms a java, against about 350 ms for all of ./squall --help. Failures are not kept: they may pass next time.
squall_java_version() {
  local java=$1 mtime="" line="" n=0 probe
  [ -n "${SQUALL_JDK_CACHE:-}" ] && mtime=$(stat -c %Y "$java" 2>/dev/null) || mtime=""
  if [ -n "$mtime" ] && [ -f "$SQUALL_JDK_CACHE" ]; then
    while IFS= read -r line; do
      n=$((n + 1))
      [ "${line#* }" = "$mtime $java" ] && { echo "java ${line%% *}"; return 0; }
    done <"$SQUALL_JDK_CACHE"
  fi
  probe=$(squall_java_probe "$java")
  if [ -n "$mtime" ] && [ -d "${SQUALL_JDK_CACHE%/*}" ]; then
    case "$probe" in
      "java "*)   # a few lines: started afresh once it holds 32 (JDKs come and go, fakes in the tests)
        if [ "$n" -lt 32 ]; then echo "${probe#java } $mtime $java" >>"$SQUALL_JDK_CACHE"
        else echo "${probe#java } $mtime $java" >"$SQUALL_JDK_CACHE"; fi 2>/dev/null || true ;;
    esac
  fi
  echo "$probe"
}

# Prints the home of the first JDK >= 25 (java and javac) from: $JAVA_HOME, java on PATH, then the usual
# install folders ($SQUALL_JVM_DIRS, default /usr/lib/jvm /usr/local/lib/jvm /opt/java /opt), newest first.
# A java that cannot start is named with its own error: it may be a JDK >= 25 that the environment stops.
squall_find_jdk() {
  local candidates=() seen=" " home java probe major found="" failed=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java=$(command -v java 2>/dev/null); then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
  fi
  local dir
  for dir in ${SQUALL_JVM_DIRS:-/usr/lib/jvm /usr/local/lib/jvm /opt/java /opt}; do
    [ -d "$dir" ] || continue
    while IFS= read -r home; do candidates+=("$home"); done < <(ls -1d "$dir"/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    java=$(readlink -f "$home/bin/java")   # one JDK under several names (Debian's java-1.17.0-... links) once
    case "$seen" in *" $java "*) continue ;; esac
    seen="$seen$java "
    probe=$(squall_java_version "$java")
    case "$probe" in
      "java "*) major=${probe#java } ;;
      *) failed+=("$home/bin/java ${probe#error }"); continue ;;
    esac
    if [ "$major" -ge "$SQUALL_MIN_JAVA" ] && [ -x "$home/bin/javac" ]; then
      echo "$home"
      return 0
    fi
    found="$found $home (Java $major$([ -x "$home/bin/javac" ] || echo ', no javac'))"
  done
  if [ "${#failed[@]}" -gt 0 ]; then
    {
      printf 'squall: %s\n' "${failed[@]}"
      echo "squall: needs a JDK >= $SQUALL_MIN_JAVA (java and javac) that starts;" \
        "found only the above${found:+ and$found}."
    } >&2
    return 1
  fi
  {
    echo "squall: needs a JDK >= $SQUALL_MIN_JAVA (java and javac); found${found:- none}."
    echo "squall: install one (for example Eclipse Temurin 25) and set JAVA_HOME to it."
  } >&2
  return 1
}

# The local Maven repository of ./squall's builds: $SQUALL_MAVEN_REPO (relative to the current directory), else
# Maven's default.
squall_maven_repo() {
  local repo=${SQUALL_MAVEN_REPO:-$HOME/.m2/repository}
  case "$repo" in /*) echo "$repo" ;; *) echo "$PWD/$repo" ;; esac
}

# ./mvnw in the project $1 with the other arguments, quiet, on $SQUALL_MAVEN_REPO when it is set.
squall_mvnw() {
  local root=$1 repo=()
  shift
  [ -z "${SQUALL_MAVEN_REPO:-}" ] || repo=("-Dmaven.repo.local=$(squall_maven_repo)")
  (cd "$root" && ./mvnw -q -B -ntp "${repo[@]}" "$@")
}

# Puts TornadoVM's API jar $2 (version $3) into the local Maven repository for the builds of the project in $1,
# when it is missing there (TornadoVM is in no public registry these machines reach). With a generated POM: the one
# packed in the jar names its parent, io.github.beehive-lab:tornado, which no registry has, so every build that read
# it would fail ("Could not find artifact io.github.beehive-lab:tornado:pom"). An install with such a POM (by an
# earlier ./squall, or by hand) is repaired the same way.
squall_tornado_api() {
  local root=$1 api=$2 version=$3 dir parent
  dir="$(squall_maven_repo)/io/github/beehive-lab/tornado-api/$version"
  if [ ! -f "$dir/tornado-api-$version.jar" ]; then
    echo "squall: adding TornadoVM's API $version from ${api%/share/java/tornado/*} to the local Maven" \
      "repository..." >&2
  elif parent=$(squall_pom_missing_parent "$dir/tornado-api-$version.pom"); then
    echo "squall: TornadoVM's API $version in the local Maven repository names the parent $parent, which is not" \
      "there: installing it again from ${api%/share/java/tornado/*} with a generated POM..." >&2
  else
    return 0
  fi
  squall_mvnw "$root" install:install-file -Dfile="$api" -DgroupId=io.github.beehive-lab -DartifactId=tornado-api \
    -Dversion="$version" -Dpackaging=jar -DgeneratePom=true >&2
}

# Prints GROUP:ARTIFACT:VERSION of the <parent> of the POM $1 in the local Maven repository when that parent's POM
# is not there; fails when $1 has no parent, or it is there.
squall_pom_missing_parent() {
  local pom parent group artifact version
  [ -f "$1" ] || return 1
  pom=$(tr -d ' \t\r\n' <"$1")
  case "$pom" in *"<parent>"*"</parent>"*) ;; *) return 1 ;; esac
  parent=${pom#*<parent>}; parent=${parent%%</parent>*}
  group=${parent#*<groupId>}; group=${group%%</groupId>*}
  artifact=${parent#*<artifactId>}; artifact=${artifact%%</artifactId>*}
  version=${parent#*<version>}; version=${version%%</version>*}
  [ ! -f "$(squall_maven_repo)/${group//.//}/$artifact/$version/$artifact-$version.pom" ] || return 1
  echo "$group:$artifact:$version"
}

# The OpenCL ICD loader (libOpenCL.so.1) the dynamic linker would find: first in LD_LIBRARY_PATH's folders (a GPU
# host's driver may be reachable only so), then in ldconfig's cache, preferring this machine's architecture where a
# 32-bit loader is also installed. ldconfig is in /sbin (Debian): not on PATH where PATH is /usr/bin:/bin (env -i,
# cron), so it is looked for there too. Prints nothing when there is none.
squall_opencl_loader() {
  local dirs=() dir ldconfig arch
  IFS=: read -ra dirs <<<"${LD_LIBRARY_PATH:-}"
  for dir in "${dirs[@]}"; do
    [ -n "$dir" ] && [ -e "$dir/libOpenCL.so.1" ] && { echo "$dir/libOpenCL.so.1"; return 0; }
  done
  case "$(uname -m)" in x86_64) arch="x86-64" ;; aarch64) arch="AArch64" ;; *) arch="" ;; esac
  for ldconfig in "$(command -v ldconfig 2>/dev/null || true)" /sbin/ldconfig /usr/sbin/ldconfig; do
    [ -n "$ldconfig" ] && [ -x "$ldconfig" ] || continue
    "$ldconfig" -p 2>/dev/null | awk -v arch="$arch" '$1 == "libOpenCL.so.1" {
        path = $NF; if (arch == "" || index($0, arch)) { print path; found = 1; exit } if (first == "") first = path }
      END { if (!found && first != "") print first }'
    return 0
  done
}

# JOCL opens the ICD loader by the name libOpenCL.so, which Debian ships only in ocl-icd-opencl-dev; drivers and
# ocl-icd-libopencl1 install libOpenCL.so.1 (the name ldconfig knows). Link that one as libOpenCL.so in the first of
# the folders "$@" that has the link already or can take it, and put that folder first on LD_LIBRARY_PATH for the
# JVM, so JOCL finds the loader either way. Without a loader nothing is done: the engine says what is missing
# (squall devices).
squall_opencl_loader_path() {
  local lib dir
  lib=$(squall_opencl_loader)
  [ -n "$lib" ] || return 0
  for dir in "$@"; do
    if [ "$(readlink "$dir/libOpenCL.so" 2>/dev/null)" = "$lib" ] \
      || { mkdir -p "$dir" 2>/dev/null && ln -sfn "$lib" "$dir/libOpenCL.so" 2>/dev/null; }; then
      export LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      return 0
    fi
  done
}

# Starts Squall's JVM in place of this shell (exec), as ./squall and the tarball's bin/squall both do: the java home
# $1, the class path $2, then JVM options that go before Squall's own (TornadoVM's argfile), "--", and squall's
# arguments. SQUALL_JAVA_OPTS comes last among the JVM options, so that it can override any of them.
squall_exec_jvm() {
  local java_home=$1 class_path=$2 first=() terminal=() columns jsig preload
  shift 2
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do first+=("$1"); shift; done
  [ "$#" -eq 0 ] || shift
  # The JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" at every start while the Vector API
  # incubates, and no option turns it off: that one exact line is dropped from stderr, nothing else. exec keeps the
  # JVM in this process, so signals (SIGINT, SIGTERM) reach it directly. The filter ignores them (Ctrl-C reaches the
  # whole process group): it ends when the JVM closes stderr, so the JVM's last lines on the way out still show.
  # That filter's pipe is the JVM's stderr, never the terminal: say whether the user's stderr is one, and how wide,
  # so that squall job draws a live progress bar there (plain lines otherwise).
  if [ -t 2 ]; then
    terminal=(-Dsquall.stderr.terminal=true)
    columns=$(stty size <&2 2>/dev/null | cut -d' ' -f2) || columns=""
    if [ -n "$columns" ]; then terminal+=("-Dsquall.stderr.columns=$columns"); fi
  fi
  # libjsig: PoCL's LLVM installs its own SIGSEGV handler when it loads, which replaces the JVM's (the JVM uses
  # SIGSEGV for null checks and safepoints), and the JVM then dies at random later ("Segmentation fault", no hs_err
  # file). The JVM's signal-chaining library keeps the JVM's handlers first and chains to the others.
  jsig="$java_home/lib/libjsig.so"
  [ -f "$jsig" ] && preload="$jsig${LD_PRELOAD:+:$LD_PRELOAD}" || preload="${LD_PRELOAD:-}"
  # shellcheck disable=SC2086  # SQUALL_JAVA_OPTS is a list of options: split on purpose.
  LD_PRELOAD="$preload" exec "$java_home/bin/java" "${first[@]}" --enable-native-access=ALL-UNNAMED \
    --add-modules jdk.incubator.vector "${terminal[@]}" ${SQUALL_JAVA_OPTS:-} -cp "$class_path" dev.squall.cli.Squall \
    "$@" 2> >(trap '' INT TERM; exec grep -v --line-buffered -x 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
}
