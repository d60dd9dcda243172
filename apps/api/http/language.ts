/**
 * The caller's language for problem messages, from `Accept-Language`: Chinese when a `zh` tag is
 * preferred over any `en` tag, English otherwise (the default when the header is absent).
 */
export type MessageLanguage = 'zh' | 'en';

export function preferredLanguage(acceptLanguage: string | undefined): MessageLanguage {
  if (!acceptLanguage) return 'en';
  let best: { language: MessageLanguage; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const language =
      tag === 'zh' || tag.startsWith('zh-') ? 'zh' : tag === 'en' || tag.startsWith('en-') ? 'en' : undefined;
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? 'en';
}
