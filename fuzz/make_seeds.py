#!/usr/bin/python3
"""Writes the seed corpora of fuzz/corpus/<target>/ (small real inputs of each parser).

Run from anywhere with Debian's python3 (openpyxl): /usr/bin/python3 fuzz/make_seeds.py
Seeds already committed are rewritten identically except the xlsx files (openpyxl stamps
the time); crash inputs the fuzzers found live beside them as crash-* and are kept.
"""
import base64, datetime, hashlib, hmac, io, os, struct, zipfile

import openpyxl

C = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus') + '/'
# The secret the token fuzz targets verify under (fuzz_checkin_token.cc, fuzz_badge_token.cc).
SECRET = b'fuzz-secret-0123456789abcdef0123456789'


def w(path, data):
    os.makedirs(os.path.dirname(C + path), exist_ok=True)
    with open(C + path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def xlsx(rows, extra=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if extra:
        ws.append(extra)
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


roster = [['××培训班 花名册'], ['序号', '姓名', '性别', '民族', '身份证号', '手机', '单位'],
          [1, '张三', '男', '汉族', '110101199003071234', '13800138000', '区教育局'],
          [2, '买买提·艾力', '男', '维吾尔族', '65010119850101001X', '13900139000', '第一中学'],
          [3, '王䶮', '女', '汉族', '110101200001011236', 13700137000, '第二小学']]
xr = xlsx(roster)
w('xlsx/roster.xlsx', xr)
w('xlsx/paper_sheet.xlsx',
  xlsx([['姓名', '课程', '签到时间', '签退时间'], ['张三', '开班仪式', '2020-06-02 08:27', '08:30']],
       ['王芳', '开班仪式', datetime.datetime(2020, 6, 2, 8, 27), datetime.time(11, 30)]))
w('xlsx/paper_scores.xlsx', xlsx([['序号', '人员编号', '姓名', '单位', '得分'],
                                  [1, 12, '张三', '区教育局', 85.5], [2, 13, '李四', '一中', '缺考']]))
w('xlsx/questions.xlsx', xlsx([
    ['题型', '题干', '选项A', '选项B', '选项C', '答案', '分值', '多选计分', '标签', '解析'],
    ['单选', '党的二十大召开于哪一年？', '2021', '2022', '2023', 'B', 2, '', '时政', '2022 年'],
    ['多选', '下列哪些是？', '甲', '乙', '丙', 'AC', 3, '部分得分', 'a、b', ''],
    ['判断', '对吗', '', '', '', '对', 1, '', '', ''],
    ['填空', '首都是____', '', '', '', '北京|北京市', 2, '', '', '']]))

w('zip/roster.xlsx', xr)
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr(zipfile.ZipInfo('a'), 'hello')
    z.writestr('A.TXT', 'x' * 200, compress_type=zipfile.ZIP_DEFLATED)
w('zip/small.zip', b.getvalue())

doc = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>学习心得体会</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">通过本次培训， </w:t></w:r><w:r><w:tab/><w:t>我收获很多。</w:t></w:r><w:r><w:br/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格&amp;内容</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>'''
b = io.BytesIO()
with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr('word/document.xml', doc)
w('docx/reflection.docx', b.getvalue())
w('zip/reflection.docx', b.getvalue())

csv = ('序号,姓名,性别,身份证号,手机,单位\r\n1,张三,男,110101199003071234,13800138000,区教育局\r\n'
       '2,"王,""䶮""",女,110101200001011236,13700137000,"第二\n小学"\r\n'
       "3,买买提·艾力,男,65010119850101001X,'=1+1,一中\r\n")
w('csv/roster_utf8.csv', csv)
w('csv/roster_utf8_bom.csv', '\ufeff' + csv)
w('csv/roster_gb18030.csv', csv.encode('gb18030'))
w('csv/roster_utf16.csv', '\ufeff'.encode('utf-16-le') + csv.encode('utf-16-le'))
w('csv/title_row.csv', '××培训班 花名册,,\n填报单位：区教育局,,日期：2020-06-01\n姓名,课程,签到时间\n张三,开班仪式,08:27\n')
w('csv/unclosed.csv', 'a,b\n"x,y\n')

w('gb18030/roster.csv', csv.encode('gb18030'))
w('gb18030/four_byte.txt', '䶮𠀀买买提·艾力 €'.encode('gb18030'))
w('gb18030/truncated.txt', b'\x81\x30\x81')

for i, j in enumerate([
        '{"name":"张三","class_id":12,"score":85.5,"dry_run":true,"tags":["a","b"],"ids":[1,2,3],"rules":{"x":1}}',
        '{"name":"x"}', '[]', '{"ids":null,"a":"\\u4e2d\\ud83d\\ude00"}',
        '{"score":1e308,"class_id":9223372036854775807,"ids":[-1]}', '{"name":"a","name":"b"}',
        '12345', '{"a":{"b":[{"c":null}]}}']):
    w(f'json_input/body{i}.json', j)


def checkin(session_id, direction, window):
    payload = bytes([1]) + struct.pack('>q', session_id) + direction + struct.pack('>q', window)
    mac = hmac.new(SECRET, b'peixun.checkin.v1' + payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(payload + mac).rstrip(b'=')


w('checkin_token/valid_in', checkin(7, b'i', 85000000))
w('checkin_token/valid_out', checkin(12345, b'o', 85000001))
w('checkin_token/garbage', 'AQAAAAAAAAAHaQAAAAAFEQ3A-not-a-token')


def badge(class_id, person_id):
    key = hashlib.blake2b(b'peixun.badge.key.v1:' + SECRET, digest_size=32).digest()
    mac = hmac.new(key, f'peixun.badge.v1:{class_id}:{person_id}'.encode(), hashlib.sha512).digest()[:32]
    return f'{person_id}.'.encode() + base64.urlsafe_b64encode(mac).rstrip(b'=')


w('badge_token/valid_42_7', badge(42, 7))
w('badge_token/valid_1_123456', badge(1, 123456))
w('badge_token/leading_zero', b'007.' + badge(42, 7).split(b'.')[1])

# Sheet times: 4 bytes that move the session's day and zone (0: 2020-06-02, +08:00), the cell.
for i, t in enumerate(['2020-06-02 08:27', '2020/6/2 8:27', '2020-06-02T08:27', '08:27', '23:59',
                       '2020-02-31 08:00', '24:00', 'abc']):
    w(f'sheet_time/t{i}', struct.pack('<i', 0) + t.encode())

# Import cells: what people type into a roster or a question sheet.
for i, t in enumerate(['张三', '买买提·艾力', ' 王䶮 ', '110101199003071234', '65010119850101001x',
                       '138 0013 8000', '+86 13800138000', '男', '女', 'F', '2020-06-02', '2020/6/2',
                       '1.5', '12', '单选', '多选', '判断', '填空', '简答', '部分得分', 'all_or_nothing',
                       '北京|北京市', 'PX2020-0001-7', '10.0.0.0/8, 192.168.1.0/24、2001:db8::/32',
                       '\u3000全角\uff21\uff22\u3000', 'e\u0301']):
    w(f'import_cells/c{i:02d}', t)

# libsodium 1.0.18 reads any byte >= 0x80 as '_': a genuine badge token with its '_'
# replaced by 0xff verified before badge_token.cc checked the alphabet.
person = 1
while b'_' not in badge(42, person):
    person += 1
token = badge(42, person)
w('badge_token/non-alphabet-byte', token.replace(b'_', b'\xff', 1))
