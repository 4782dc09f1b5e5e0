// Test data the flows make: valid mainland ID numbers (GB 11643 check digit) and
// roster files in the import format of the people page.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** A valid ID number: region 110105, birth date yyyymmdd, sequence (3 digits, odd = male). */
export function idNumber(birth, seq) {
  const first17 = `110105${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong last character. */
export function withWrongCheckDigit(id) {
  const right = id[17];
  const wrong = right === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

/** A CSV roster (UTF-8 with BOM, as spreadsheet programs save it). */
export function rosterCsv(rows) {
  const header = ['姓名', '性别', '民族', '出生日期', '单位', '职务', '职级', '手机号', '身份证号'];
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(quote).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
