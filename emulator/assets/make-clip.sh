#!/bin/sh
# Regenerates clip.mp4, the short playable clip the emulator serves for every
# GetPlayInfo stream: 3 s, 320x180, H.264 (baseline, yuv420p) + AAC mono, moov atom at
# the front so browsers can start playing and seek with HTTP Range requests.
# Needs Debian's ffmpeg (apt-get install -y ffmpeg). The output is committed; the
# emulator embeds it with include_bytes!.
set -eu
cd "$(dirname "$0")"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=320x180:rate=25:duration=3" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=3" \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -b:v 150k -maxrate 200k -bufsize 400k \
  -g 25 -c:a aac -b:a 32k -ac 1 \
  -movflags +faststart -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  -shortest clip.mp4
ls -l clip.mp4
