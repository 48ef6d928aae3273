#!/bin/sh
# Mails each responsible unit its to-do list from the newest oitcheck report folder.
#
#   mail-units.sh REPORTS ADDRESSES
#
# REPORTS is the audit's output folder (REPORTS/latest/units/NN-NAME.md are the lists).
# ADDRESSES has one line per unit: the NAME part of its list's file name, a tab, an address.
# Lines starting with # are comments. MAIL_COMMAND (default: sendmail -t -oi) gets each whole
# message on standard input. Exit 1 when a list had no address or a mail could not be handed on.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: mail-units.sh REPORTS ADDRESSES" >&2
  exit 64
fi
reports=$1
addresses=$2
latest="$reports/latest"
mailer=${MAIL_COMMAND:-sendmail -t -oi}

if [ ! -d "$latest/units" ]; then
  echo "mail-units: no per-unit lists in $latest/units" >&2
  exit 1
fi
if [ ! -r "$addresses" ]; then
  echo "mail-units: cannot read $addresses" >&2
  exit 1
fi

run=$(basename "$(readlink "$latest" || echo "$latest")")
# RFC 2047: a Thai subject travels base64-encoded.
subject="=?UTF-8?B?$(printf 'รายการ OIT ที่ต้องแก้ไข %s' "$run" | base64 | tr -d '\n')?="
sent=0
problems=0
for list in "$latest"/units/*.md; do
  [ -e "$list" ] || continue
  file=$(basename "$list" .md)
  name=${file#*-}
  address=$(awk -F '\t' -v unit="$name" '$1 == unit && $1 !~ /^#/ { print $2; exit }' "$addresses" | tr -d '\r')
  if [ -z "$address" ]; then
    echo "mail-units: no address for unit '$name' in $addresses" >&2
    problems=$((problems + 1))
    continue
  fi
  if {
    printf 'To: %s\n' "$address"
    printf 'Subject: %s\n' "$subject"
    printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n'
    printf 'Content-Transfer-Encoding: 8bit\n\n'
    cat "$list"
  } | $mailer; then
    sent=$((sent + 1))
  else
    echo "mail-units: could not mail $list to $address" >&2
    problems=$((problems + 1))
  fi
done
echo "mail-units: mailed $sent lists from $run"
[ "$problems" -eq 0 ]
