#!/usr/bin/env bash
# Vendor YASGUI (the @zazuko/yasgui npm package, MIT) into chipgraph's query page, offline.
#
#   scripts/vendor_yasgui.sh            # the pinned version below
#   YASGUI_VERSION=4.6.2 scripts/vendor_yasgui.sh
#
# Fetches the tarball with `npm pack` (the npm registry only), checks it is the version
# asked for, and copies build/yasgui.min.js and build/yasgui.min.css (no source maps) into
# src/chipgraph/querypage/assets/ with LICENSE.yasgui.txt. The tarball has no LICENSE file:
# the text below is the repository's LICENSE (github.com/rdfjs/Yasgui), whose README says it
# is Zazuko's fork of software written by Triply; package.json names Triply as author and
# Zazuko GmbH as contributor.
set -euo pipefail

VERSION="${YASGUI_VERSION:-4.6.2}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$HERE/src/chipgraph/querypage/assets"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null || { echo "vendor_yasgui: npm is not installed" >&2; exit 1; }
(cd "$WORK" && npm pack --silent "@zazuko/yasgui@$VERSION" >/dev/null)
tar -xzf "$WORK/zazuko-yasgui-$VERSION.tgz" -C "$WORK"
got="$(node -p "require('$WORK/package/package.json').version")"
[ "$got" = "$VERSION" ] || { echo "vendor_yasgui: asked for $VERSION, npm gave $got" >&2; exit 1; }

mkdir -p "$DEST"
for f in yasgui.min.js yasgui.min.css; do
  # drop the sourceMappingURL comment: the maps are not vendored
  sed -e 's@//# sourceMappingURL=[^ ]*$@@' -e 's@/\*# sourceMappingURL=[^ ]* \*/@@' \
    "$WORK/package/build/$f" > "$DEST/$f"
done

cat > "$DEST/LICENSE.yasgui.txt" <<LICENSE
YASGUI (npm package @zazuko/yasgui), version $VERSION
https://github.com/rdfjs/Yasgui — vendored as yasgui.min.js and yasgui.min.css

Copyright holders, as the package's repository states them: Triply <info@triply.cc>, the
original authors ("a fork from Zazuko from software written by Triply"), and Zazuko GmbH.
The repository's LICENSE file carries no copyright line; its text follows.
The minified bundle also contains the third-party libraries YASGUI depends on (among them
CodeMirror, DOMPurify, choices.js, sortablejs, lodash-es), each under its own licence.

The MIT License (MIT)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
LICENSE
echo "vendored @zazuko/yasgui $VERSION into $DEST"
