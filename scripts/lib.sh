# Shared by ./squall and ./test: find a JDK >= 25 and make the OpenCL ICD loader reachable by JOCL.
# Sourced, not run. Functions print errors on stderr and return non-zero; callers decide the exit code.

SQUALL_MIN_JAVA=25

# The major version of the java launcher $1, or nothing.
squall_java_major() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$version" in
    1.*) echo "${version#1.}" | cut -d. -f1 ;;
    *) echo "${version%%.*}" ;;
  esac
}

# Prints the home of the first JDK >= 25 (java and javac) from: $JAVA_HOME, java on PATH, then the usual
# install folders ($SQUALL_JVM_DIRS, default /usr/lib/jvm /usr/local/lib/jvm /opt/java /opt), newest first.
squall_find_jdk() {
  local candidates=() seen=" " home java major found=""
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
    case "$seen" in *" $home "*) continue ;; esac
    seen="$seen$home "
    [ -x "$home/bin/java" ] || continue
    major=$(squall_java_major "$home/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$SQUALL_MIN_JAVA" ] && [ -x "$home/bin/javac" ]; then
      echo "$home"
      return 0
    fi
    found="$found $home (Java $major$([ -x "$home/bin/javac" ] || echo ', no javac'))"
  done
  {
    echo "squall: needs a JDK >= $SQUALL_MIN_JAVA (java and javac); found${found:- none}."
    echo "squall: install one (for example Eclipse Temurin 25) and set JAVA_HOME to it."
  } >&2
  return 1
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
