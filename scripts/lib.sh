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

# JOCL opens the ICD loader by the name libOpenCL.so, which Debian ships only in ocl-icd-opencl-dev; drivers and
# ocl-icd-libopencl1 install libOpenCL.so.1 (the name ldconfig knows). Link that one as $1/libOpenCL.so and put
# $1 first on LD_LIBRARY_PATH for the JVM, so JOCL finds the loader either way.
squall_opencl_loader_path() {
  local linkdir=$1 lib
  lib=$( (ldconfig -p 2>/dev/null || true) | sed -n 's/.*libOpenCL\.so\.1 .*=> //p' | head -n 1)
  [ -n "$lib" ] || return 0
  mkdir -p "$linkdir" && ln -sfn "$lib" "$linkdir/libOpenCL.so" || return 0
  export LD_LIBRARY_PATH="$linkdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}
