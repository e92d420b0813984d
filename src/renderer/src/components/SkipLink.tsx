import './skip-link.css';

export const MAIN_CONTENT_ID = 'main-content';

/**
 * "Skip to content": the first Tab stop, shown only while focused, so a keyboard user passes the
 * navigation and the project list in one key. The app routes by the URL's hash, so the link moves
 * focus itself instead of following `#main-content`.
 * @see https://www.w3.org/WAI/WCAG22/Techniques/general/G1
 */
export function SkipLink() {
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} data-testid="skip-link"
      onClick={(e) => { e.preventDefault(); document.getElementById(MAIN_CONTENT_ID)?.focus(); }}>Skip to content</a>
  );
}
