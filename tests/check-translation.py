#!/usr/bin/env python3
# check-translation.py: fails when a translation in po/LINGUAS is not complete against
# the strings the sources have now, or when msgfmt --check complains about it. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translation.py SOURCE-ROOT [MERGED-FILE…]
#
# Each MERGED-FILE (the desktop file and metainfo the build merges with i18n.merge_file)
# must carry every language of po/LINGUAS, and the GSettings schema must name its
# gettext domain.
#
# A fresh template is extracted from po/POTFILES.in with the same keywords as meson's
# 'glib' gettext preset, merged into a copy of each po/LANG.po in a temporary folder (as
# `meson compile -C build frontdesk-update-po` would), and counted: any untranslated or
# fuzzy message fails, and is listed. To bring a translation up to date:
#
#   meson compile -C build frontdesk-pot frontdesk-update-po
#   (translate what this test lists in po/LANG.po, remove the fuzzy flags)
import os
import re
import subprocess
import sys
import tempfile

top = os.path.abspath(sys.argv[1])
merged_files = sys.argv[2:]
po_dir = os.path.join(top, 'po')

# Meson's i18n.gettext(preset: 'glib'), as po/meson.build uses it.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

results = []


def check(ok, what, details=()):
    results.append((bool(ok), what, list(details)))


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def unquote(text):
    return bytes(text, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def parse_po(path):
    """The entries of a .po file as dicts: comments, msgid, msgid_plural, msgstr {index: text}."""
    entries, entry, key = [], None, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                if entry:
                    entries.append(entry)
                entry = None
                continue
            if entry is None:
                entry = {'comments': [], 'msgstr': {}, 'obsolete': False}
            if line.startswith('#~'):
                entry['obsolete'] = True
                continue
            if line.startswith('#'):
                entry['comments'].append(line)
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) "(.*)"$', line)
            if m:
                value = unquote(m.group(3))
                if m.group(1).startswith('msgstr'):
                    key = ('msgstr', int(m.group(2)) if m.group(2) else 0)
                    entry['msgstr'][key[1]] = value
                else:
                    key = (m.group(1), None)
                    entry[m.group(1)] = value
            elif line.startswith('"'):
                value = unquote(line[1:-1])
                if key[0] == 'msgstr':
                    entry['msgstr'][key[1]] += value
                else:
                    entry[key[0]] += value
    if entry:
        entries.append(entry)
    return [e for e in entries if not e['obsolete'] and 'msgid' in e]


def first_line(text):
    line = text.split('\n')[0] if text.strip('\n') else text
    return line if len(line) <= 90 else line[:87] + '…'


with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
    languages = [w for line in f for w in line.split('#')[0].split()]
check(languages, 'po/LINGUAS names at least one translation')

with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
    potfiles = [line.strip() for line in f if line.strip() and not line.startswith('#')]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'fresh.pot')
    extracted = run(['xgettext', '--package-name=frontdesk', '-D', top, '-o', pot]
                    + XGETTEXT_ARGS + potfiles)
    check(extracted.returncode == 0 and os.path.exists(pot),
          'xgettext extracts the strings of po/POTFILES.in',
          extracted.stderr.splitlines())
    template = parse_po(pot)[1:] if os.path.exists(pot) else []
    check(len(template) > 0, f'the sources have {len(template)} strings to translate')

    for lang in languages:
        po = os.path.join(po_dir, f'{lang}.po')
        if not os.path.exists(po):
            check(False, f'po/{lang}.po exists')
            continue

        checked = run(['msgfmt', '--check', '--check-accelerators=_', '--statistics',
                       '-o', os.devnull, po])
        complaints = [line for line in checked.stderr.splitlines()
                      if 'translated message' not in line]
        check(checked.returncode == 0 and not complaints,
              f'msgfmt --check --check-accelerators=_ accepts po/{lang}.po', complaints)

        header = parse_po(po)[0]['msgstr'].get(0, '')
        plural = re.search(r'^Plural-Forms: *(.*)$', header, re.M)
        expected = {'de': 'nplurals=2; plural=(n != 1);'}.get(lang)
        check(plural and (expected is None or plural.group(1).strip() == expected),
              f'po/{lang}.po declares its plural forms'
              + (f' ({expected})' if expected else ''),
              [plural.group(1) if plural else 'no Plural-Forms header'])

        merged = os.path.join(tmp, f'{lang}.po')
        merging = run(['msgmerge', '--quiet', '-o', merged, po, pot])
        check(merging.returncode == 0, f'msgmerge merges the fresh template into po/{lang}.po',
              merging.stderr.splitlines())
        if merging.returncode != 0:
            continue

        stats = run(['msgfmt', '--statistics', '-o', os.devnull, merged]).stderr
        entries = parse_po(merged)[1:]
        untranslated = [e for e in entries
                        if any(v == '' for v in e['msgstr'].values()) or not e['msgstr']]
        fuzzy = [e for e in entries
                 if any(c.startswith('#,') and 'fuzzy' in c for c in e['comments'])]
        check(not untranslated and not fuzzy,
              f'po/{lang}.po translates every string of the sources, none fuzzy '
              f'({stats.strip()})',
              [f'untranslated: {first_line(e["msgid"])!r}' for e in untranslated]
              + [f'fuzzy: {first_line(e["msgid"])!r}' for e in fuzzy]
              + (['to fix: meson compile -C build frontdesk-pot frontdesk-update-po, '
                  f'then translate these in po/{lang}.po']
                 if untranslated or fuzzy else []))

        nplurals = int(re.search(r'nplurals=(\d+)', plural.group(1)).group(1)) if plural else 2
        wrong_plurals = [e for e in entries if 'msgid_plural' in e
                         and sorted(e['msgstr']) != list(range(nplurals))]
        check(not wrong_plurals, f'every plural message of po/{lang}.po has {nplurals} forms',
              [first_line(e['msgid']) for e in wrong_plurals])

        # Desktop-file lists (Keywords) keep their semicolons, and end with one.
        lists = [e for e in entries if e['msgid'].endswith(';')
                 and not all(s.endswith(';') for s in e['msgstr'].values())]
        check(not lists, f'po/{lang}.po keeps the closing semicolon of desktop-file lists',
              [first_line(e['msgid']) for e in lists])

        # g_date_time_format() strings use only conversions GDateTime knows, the same
        # ones as the original, each once.
        bad_dates = []
        for e in entries:
            if not any('g_date_time_format' in c for c in e['comments'] if c.startswith('#.')):
                continue
            wanted = sorted(re.findall(r'%[-_0]?[A-Za-z]', e['msgid']))
            for s in e['msgstr'].values():
                if sorted(re.findall(r'%[-_0]?[A-Za-z]', s)) != wanted or '%%' in s:
                    bad_dates.append(f'{e["msgid"]!r} → {s!r}')
        check(not bad_dates,
              f'po/{lang}.po keeps the conversions of every g_date_time_format() string',
              bad_dates)

for path in merged_files:
    with open(path, encoding='utf-8') as f:
        text = f.read()
    marker = '[{}]=' if path.endswith('.desktop') else 'xml:lang="{}"'
    absent = [lang for lang in languages if marker.format(lang) not in text]
    check(not absent, f'{os.path.basename(path)} is built with every translation',
          [f'no {marker.format(lang)}' for lang in absent])

for schema in sorted(f for f in os.listdir(os.path.join(top, 'app')) if f.endswith('.gschema.xml')):
    with open(os.path.join(top, 'app', schema), encoding='utf-8') as f:
        check(re.search(r'<schemalist[^>]*gettext-domain="frontdesk"', f.read()),
              f'{schema} names its gettext domain, so its summaries are translated')

print(f'1..{len(results)}')
for number, (ok, what, details) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} {what}')
    for line in (details[:200] if not ok else []):
        print(f'# {line}')
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
