# The innermost loop of a cuobjdump -sass listing that reads shared memory: prints "FFMA LDS LDS128" counted over the
# smallest backward-branch range containing a shared load, or "0 0 0" when there is none (scripts/check-ptx.sh).
function hex(s,   i, v, c) { v = 0; s = tolower(s); sub(/^0x/, "", s); for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }; return v }
match($0, /\/\*[0-9a-f]+\*\//) {
  a = hex(substr($0, RSTART + 2, RLENGTH - 4))
  n++; addr[n] = a; line[n] = $0
  if (match($0, / BRA (0x[0-9a-f]+)/)) { t = substr($0, RSTART + 5, RLENGTH - 5); target[n] = hex(t) } else target[n] = -1
}
END {
  best = -1
  for (i = 1; i <= n; i++) {
    if (target[i] < 0 || target[i] > addr[i]) continue
    f = 0; l = 0; l128 = 0
    for (j = 1; j <= n; j++) {
      if (addr[j] < target[i] || addr[j] > addr[i]) continue
      if (line[j] ~ / FFMA /) f++
      if (line[j] ~ / LDS[. ]/) { l++; if (line[j] ~ / LDS(\.U)?\.128/) l128++ }
    }
    if (l > 0 && (best < 0 || addr[i] - target[i] < best)) { best = addr[i] - target[i]; bf = f; bl = l; b128 = l128 }
  }
  if (best < 0) print "0 0 0"; else print bf, bl, b128
}
