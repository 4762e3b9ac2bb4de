// What a field page that cannot be served says instead, in the shopper's language: that card payment is not
// available here, that nothing was typed or sent, and whom to ask. Fixed text only; nothing from the request.

export const ERROR_PAGE_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'ja', 'zh', 'pl'] as const;
export type ErrorPageLanguage = (typeof ERROR_PAGE_LANGUAGES)[number];

export interface ErrorPageText {
  title: string;
  body: string;
  /** The word before the error code, for whoever helps the shopper (or the merchant's developer). */
  code: string;
}

export const ERROR_PAGE_TEXT: Record<ErrorPageLanguage, ErrorPageText> = {
  en: {
    title: 'Card payment is unavailable',
    body: 'The card form cannot be shown here. No card details were entered or sent. Please contact the shop.',
    code: 'Code',
  },
  es: {
    title: 'El pago con tarjeta no está disponible',
    body: 'El formulario de la tarjeta no se puede mostrar aquí. No se ha introducido ni enviado ningún dato de la tarjeta. Ponte en contacto con la tienda.',
    code: 'Código',
  },
  pt: {
    title: 'O pagamento com cartão não está disponível',
    body: 'O formulário do cartão não pode ser exibido aqui. Nenhum dado do cartão foi inserido ou enviado. Entre em contato com a loja.',
    code: 'Código',
  },
  fr: {
    title: 'Le paiement par carte est indisponible',
    body: 'Le formulaire de carte ne peut pas s’afficher ici. Aucune donnée de carte n’a été saisie ni envoyée. Veuillez contacter la boutique.',
    code: 'Code',
  },
  de: {
    title: 'Kartenzahlung ist nicht verfügbar',
    body: 'Das Kartenformular kann hier nicht angezeigt werden. Es wurden keine Kartendaten eingegeben oder gesendet. Bitte wenden Sie sich an den Shop.',
    code: 'Code',
  },
  it: {
    title: 'Il pagamento con carta non è disponibile',
    body: 'Il modulo della carta non può essere mostrato qui. Nessun dato della carta è stato inserito o inviato. Contatta il negozio.',
    code: 'Codice',
  },
  nl: {
    title: 'Betalen met een kaart is niet beschikbaar',
    body: 'Het kaartformulier kan hier niet worden getoond. Er zijn geen kaartgegevens ingevoerd of verzonden. Neem contact op met de winkel.',
    code: 'Code',
  },
  ja: {
    title: 'カード決済はご利用いただけません',
    body: 'ここではカード入力フォームを表示できません。カード情報は入力も送信もされていません。ショップにお問い合わせください。',
    code: 'コード',
  },
  zh: {
    title: '无法使用银行卡支付',
    body: '此处无法显示银行卡表单。未输入或发送任何银行卡信息。请联系商家。',
    code: '代码',
  },
  pl: {
    title: 'Płatność kartą jest niedostępna',
    body: 'Nie można tu wyświetlić formularza karty. Żadne dane karty nie zostały wprowadzone ani wysłane. Skontaktuj się ze sklepem.',
    code: 'Kod',
  },
};

const MAX_HEADER = 1024;
const MAX_TAGS = 20;

/**
 * The language of the shopper's browser among those above, from `Accept-Language` (RFC 9110: quality values, the
 * first of equal ones first; `de-CH` matches `de`), English when none matches. A long or odd header is read only
 * in part, never refused: it only picks a language.
 *
 * @example
 * pickErrorPageLanguage('fr-CH, fr;q=0.9, en;q=0.8'); // 'fr'
 */
export function pickErrorPageLanguage(acceptLanguage: string | null | undefined): ErrorPageLanguage {
  const ranges = (acceptLanguage ?? '')
    .slice(0, MAX_HEADER)
    .split(',')
    .slice(0, MAX_TAGS)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    const found = ERROR_PAGE_LANGUAGES.find((language) => language === primary);
    if (found !== undefined) return found;
  }
  return 'en';
}
