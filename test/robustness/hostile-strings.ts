/**
 * Text a fraudster (or a hostile display name) may put in front of kakunin, one list for every
 * outbound format: Slack mrkdwn control sequences, Markdown links and emphasis (Adaptive Cards),
 * Chatwork tags, HTML/script, bidi and zero-width tricks, line breaks, and overlong text.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<!channel> <!here> <!everyone>',
  '<@U0ADMIN> <#C0GENERAL> <!subteam^S0LEGAL>',
  '<https://evil.example/pay|請求書を確認>',
  '<mailto:ceo@evil.example|社長>',
  'https://evil.example/login?next=/pay',
  'evil.example/pay',
  'ceo@evil.example',
  '*太字* _斜体_ ~取消~ `code` ```block```',
  '> 引用のふり\n>>> 全部引用',
  '[至急](https://evil.example/pay) ![qr](https://evil.example/qr.png)',
  '**bold** __under__ # 見出し\n- item\n1. item',
  '[To:900]山田さん [To:all] [rp aid=900 to=1-2] [piconname:900] [picon:900]',
  '[qt][qtmeta aid=1 time=1]偽の引用[/qt] [info][title]重要[/title]偽の通知[/info] [code]x[/code] [hr]',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)> \' onmouseover=\'alert(1)',
  'javascript:alert(1)',
  '&lt;!channel&gt; &amp;lt; &#60;!here&#62;',
  '\u202Eexe.gnp\u202C \u2066rtl\u2069',
  'zero\u200Bwidth\u200Cjoin\u200Dhere\uFEFF',
  '行1\r\n行2\n\n\n行3\u2028行4\u2029行5',
  '\u0000\u0001\u0007\u001B[31mred\u001B[0m',
  '０７０－００３８－５１２９ ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ',
  '西日本シティ銀行 姪浜南支店 普通 4418207 ユ）ミズカネノウエン',
  '{{template}} ${injection} %s %n',
  '\\u003c!channel\\u003e',
  'a'.repeat(5000),
  '詐'.repeat(3000),
  '😀'.repeat(1000),
];

/** Every hostile string joined, the worst single input. */
export const ALL_HOSTILE = HOSTILE_STRINGS.join('\n');
