#!/usr/bin/env bash
# The container image's root file system, made from the build machine's own JDK and C library, because no
# base image can be pulled here (only Maven Central is reachable): a jlink runtime with just the modules the
# standalone jar needs (/opt/java), the shared libraries that runtime loads (found with ldd), the standalone
# jar (/fake-ecr/fake-ecr-standalone.jar) and an empty /tmp for the blob store's spill files. Jib then puts
# this directory on top of `scratch`. The image is for the build machine's architecture (linux/amd64 here).
#
# usage: runtime-root.sh JAVA_HOME STANDALONE_JAR ROOT_DIRECTORY
set -euo pipefail
java_home=$1 jar=$2 root=$3

rm -rf "$root"
mkdir -p "$root/tmp" "$root/fake-ecr"
cp "$jar" "$root/fake-ecr/fake-ecr-standalone.jar"

# jdeps finds what the jar's classes use; jdk.crypto.ec and jdk.zipfs are looked up by name at run time.
modules=$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
"$java_home/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.zipfs" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# Every library outside the runtime that its executables and libraries link to, at the same path (the
# dynamic loader included: it is the path the java binary names as its interpreter). java.desktop is in the
# runtime for java.beans (Jackson), but its AWT, font, image and sound libraries, which a server never loads,
# would bring X11, freetype and ALSA: their links are not followed.
find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) \
    ! -regex '.*/lib\(awt\|awt_headless\|awt_xawt\|jawt\|fontmanager\|lcms\|javajpeg\|mlib_image\|splashscreen\|jsound\)\.so' \
    -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' \
  | grep -v "^$root" | sort -u \
  | while read -r library; do cp -L --parents "$library" "$root"; done
