"""Convert cpca's resources/adcodes.csv (12-digit GB/T 2260 codes) into divisions.tsv.

Usage: python3 convert.py path/to/adcodes.csv > divisions.tsv
Output columns: code (6 digits), name, level (P province / C prefecture / D county), parent code.
Placeholder rows (市辖区, 县, 省直辖县级行政区划, …) are dropped and their children are
re-parented to the province.
"""
import csv
import sys

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

rows = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for r in csv.DictReader(f):
        code = r["adcode"][:6]
        rows[code] = r["name"]

real = {c: n for c, n in rows.items() if n not in PLACEHOLDERS}
print("code\tname\tlevel\tparent")
for code in sorted(real):
    name = real[code]
    if code[2:] == "0000":
        level, parent = "P", ""
    elif code[4:] == "00":
        level, parent = "C", code[:2] + "0000"
    else:
        level = "D"
        pref = code[:4] + "00"
        parent = pref if pref in real else code[:2] + "0000"
    print(f"{code}\t{name}\t{level}\t{parent}")
