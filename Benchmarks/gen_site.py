#!/usr/bin/env python3
"""Generates a synthetic Thai municipality site for crawl benchmarks.

Usage: gen_site.py OUTDIR [PAGES]   (default 5000 pages of about 30 KB of UTF-8 each)
Pages form a tree (each links to up to 10 children) under a big menu on every page; some
pages link PDFs and a few link a missing file. robots.txt disallows /admin/ and names the
sitemap, which lists only a tenth of the pages, so the crawler must follow links.
Also writes OUTDIR/../urls.txt (every URL a complete crawl requests, for the fetch ceiling)
and OUTDIR/../manifest.json (what a complete crawl must find).
"""
import json
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
if count < 100:
    sys.exit("gen_site.py: at least 100 pages (the menu links pages up to 89)")
random.seed(2569)
os.makedirs(out + "/p", exist_ok=True)
os.makedirs(out + "/docs", exist_ok=True)
os.makedirs(out + "/admin", exist_ok=True)

months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
words = ["เทศบาล", "ประชาสัมพันธ์", "โครงการ", "พัฒนา", "ชุมชน", "งบประมาณ", "ประจำปี",
         "การจัดซื้อจัดจ้าง", "ประกาศ", "กิจกรรม", "สาธารณสุข", "การศึกษา", "ถนน", "ประปา",
         "ผู้สูงอายุ", "เด็กและเยาวชน", "สิ่งแวดล้อม", "ความโปร่งใส", "คุณธรรม", "ร้องเรียน"]
menu_items = [("ข้อมูลทั่วไป", 1), ("โครงสร้าง", 2), ("ผู้บริหาร", 3), ("ข่าวประชาสัมพันธ์", 4),
              ("แผนพัฒนาท้องถิ่น", 5), ("จัดซื้อจัดจ้าง", 6), ("ITA 2569", 7), ("ติดต่อเรา", 8)]
menu = "<nav><ul>" + "".join(
    f'<li><a href="/p/{n}.html">{t}</a><ul>' +
    "".join(f'<li><a href="/p/{n * 10 + k}.html">{t} {k}</a></li>' for k in range(1, 10)) +
    "</ul></li>" for t, n in menu_items) + "</ul></nav>"

def paragraph():
    return " ".join(random.choice(words) for _ in range(60))

pdfs = 0
for i in range(count):
    day, month, year = random.randint(1, 28), random.randrange(12), random.choice([2567, 2568, 2569])
    body = [f"<h1>{random.choice(words)} {i}</h1>",
            f"<p>ลงวันที่ {day} {months[month]} {year}</p>"]
    size = sum(len(b.encode()) for b in body)
    while size < 24000:
        body.append("<p>" + paragraph() + "</p>")
        size += len(body[-1].encode())
    links = [f'<li><a href="/p/{c}.html">{random.choice(words)} {c}</a></li>'
             for c in range(i * 10 + 1, min(i * 10 + 11, count))]
    if i % 10 == 3:
        links.append(f'<li><a href="/docs/d{i}.pdf">เอกสาร สขร. {months[month]} {year}</a></li>')
        pdfs += 1
    if i % 250 == 7:
        links.append(f'<li><a href="/docs/missing-{i}.pdf">ไฟล์ที่หายไป</a></li>')
    if i % 500 == 9:
        links.append('<li><a href="/admin/secret.html">admin</a></li>')
    html = (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
            f"<title>{random.choice(words)} {i} - เทศบาลตำบลตัวอย่าง</title>"
            "<style>body{font-family:sans-serif}nav li{display:inline}</style>"
            "<script>var visits = 0; function count() { visits++; }</script></head><body>"
            f"<header>เทศบาลตำบลตัวอย่าง</header>{menu}<main>{''.join(body)}<ul>{''.join(links)}</ul>"
            f"</main><footer>โทร 0 2123 4567</footer></body></html>")
    with open(f"{out}/p/{i}.html", "w", encoding="utf-8") as f:
        f.write(html)
    if i % 10 == 3:
        with open(f"{out}/docs/d{i}.pdf", "wb") as f:
            f.write(b"%PDF-1.4\n% benchmark\n" + b"0" * 2000 + b"\n%%EOF\n")

with open(f"{out}/index.html", "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>หน้าแรก</title></head>'
            f'<body>{menu}<a href="/p/0.html">เริ่ม</a></body></html>')
with open(f"{out}/admin/secret.html", "w") as f:
    f.write("<html><body>secret</body></html>")
with open(f"{out}/robots.txt", "w") as f:
    f.write("User-agent: *\nDisallow: /admin/\nSitemap: /sitemap.xml\n")
with open(f"{out}/sitemap.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    for i in range(0, count, 10):
        f.write(f"<url><loc>http://127.0.0.1:8089/p/{i}.html</loc></url>\n")
    f.write("</urlset>\n")
base = "http://127.0.0.1:8089"
missing = [i for i in range(count) if i % 250 == 7]
with open(os.path.join(os.path.dirname(os.path.abspath(out)), "urls.txt"), "w") as f:
    f.write(f"{base}/\n{base}/robots.txt\n{base}/sitemap.xml\n")
    f.writelines(f"{base}/p/{i}.html\n" for i in range(count))
    f.writelines(f"{base}/docs/d{i}.pdf\n" for i in range(count) if i % 10 == 3)
    f.writelines(f"{base}/docs/missing-{i}.pdf\n" for i in missing)
with open(os.path.join(os.path.dirname(os.path.abspath(out)), "manifest.json"), "w") as f:
    # The start page counts as a page; /admin/ is disallowed and must not be fetched.
    json.dump({"pages": count + 1, "pdfs": pdfs, "broken": len(missing),
               "requests": count + 1 + pdfs + len(missing) + 2, "disallowed": ["/admin/"]}, f)
print(f"{count} pages, {pdfs} PDFs, {len(missing)} broken links in {out}")
