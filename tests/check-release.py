#!/usr/bin/env python3
# check-release.py: fails when the flatpak manifests, the AppStream metainfo and the
# project's version disagree about what a release is. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-release.py SOURCE-ROOT PROJECT-VERSION
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

top, version = sys.argv[1], sys.argv[2]
results = []


def check(ok, what):
    results.append((bool(ok), what))


def load(name):
    with open(os.path.join(top, name), encoding='utf-8') as f:
        return json.load(f)


def frontdesk_source(manifest):
    module = [m for m in manifest['modules'] if isinstance(m, dict) and m['name'] == 'frontdesk']
    return module[0]['sources'][0]


local = load('org.frontdesk.Frontdesk.json')
release = load('org.frontdesk.Frontdesk.release.json')
metainfo = ET.parse(os.path.join(top, 'app', 'org.frontdesk.Frontdesk.metainfo.xml.in'))
root = metainfo.getroot()

# The two manifests build the same thing on the same runtime, from different sources.
for key in ('id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'cleanup'):
    check(local.get(key) == release.get(key), f'both manifests have the same {key}')
check(local['modules'][:-1] == release['modules'][:-1],
      'both manifests build the same modules before Frontdesk')
check(frontdesk_source(local) == {'type': 'dir', 'path': '.'},
      'the local manifest builds the working tree')

source = frontdesk_source(release)
check(source.get('type') == 'git', 'the release manifest builds from git')
check(source.get('tag') == f'v{version}', f'the release manifest builds tag v{version}')
check(re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')) is not None,
      'the release manifest names the tag\'s full commit')

# Where the tag exists here, it is that commit.
tagged = subprocess.run(['git', '-C', top, 'rev-parse', '--verify', '--quiet',
                         f'refs/tags/v{version}^{{commit}}'],
                        capture_output=True, text=True)
if tagged.returncode == 0:
    check(tagged.stdout.strip() == source.get('commit'),
          f'tag v{version} is the commit the release manifest names')
else:
    check(subprocess.run(['git', '-C', top, 'cat-file', '-e', source.get('commit', '') + '^{commit}'],
                         capture_output=True).returncode == 0,
          'the release manifest\'s commit is in this repository (tag it when releasing)')

# The metainfo's newest release is this version, and its URLs are the repository's.
releases = root.findall('./releases/release')
check(releases and releases[0].get('version') == version,
      f'the newest release in the metainfo is {version}')
check(all(r.find('description') is not None for r in releases),
      'every release in the metainfo says what changed')
urls = {u.get('type'): u.text for u in root.findall('url')}
for kind in ('homepage', 'bugtracker', 'vcs-browser'):
    check(kind in urls, f'the metainfo has a {kind} URL')
repository = urls.get('vcs-browser', '')
check(source.get('url', '').removesuffix('.git') == repository,
      'the release manifest clones the metainfo\'s repository')

# Every screenshot is one of the UI tests' pictures kept in app/screenshots/.
images = root.findall('./screenshots/screenshot/image')
check(len(images) >= 1, 'the metainfo has screenshots')
for image in images:
    url = image.text or ''
    name = url.rsplit('/', 1)[-1]
    path = os.path.join(top, 'app', 'screenshots', name)
    check(url.startswith(repository.replace('https://github.com/',
                                            'https://raw.githubusercontent.com/') + '/'),
          f'screenshot {name} is served from the repository')
    check(os.path.isfile(path), f'screenshot {name} is in app/screenshots/')
    if os.path.isfile(path):
        with open(path, 'rb') as f:
            header = f.read(24)
        width = int.from_bytes(header[16:20], 'big')
        height = int.from_bytes(header[20:24], 'big')
        check(header[:8] == b'\x89PNG\r\n\x1a\n' and
              (str(width), str(height)) == (image.get('width'), image.get('height')),
              f'screenshot {name} is a PNG of the size the metainfo gives')

colors = root.findall('./branding/color')
check({c.get('scheme_preference') for c in colors} == {'light', 'dark'},
      'the metainfo has branding colours for light and dark')

# PostgreSQL as Flathub wants it, and watched for new releases.
postgresql = load('flatpak-postgresql.json')
for option in ('--with-system-tzdata=/usr/share/zoneinfo', '--disable-rpath', '--enable-nls'):
    check(option in postgresql['config-opts'], f'PostgreSQL is configured {option}')
check(all('x-checker-data' in s for s in postgresql['sources']),
      'the PostgreSQL source has x-checker-data')

print(f'1..{len(results)}')
for number, (ok, what) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} {what}')
sys.exit(0 if all(ok for ok, _ in results) else 1)
