// Webpack loader for @wordpress/dataviews/wp, the self-contained build WordPress plugins must use.
// That file was built with its styles in development mode: each CSS-in-JS style carries its own
// base64 source map, inside a string, about 650 KB of the file and 60 KB gzipped in every list
// screen, and nothing ever reads them. A CSS comment taken out of a style string changes no rule.
// Only a whole comment of base64 is matched, so no quote or code around one can be cut.
const INLINE_MAP = /\/\*# sourceMappingURL=data:application\/json;charset=utf-8;base64,[A-Za-z0-9+/=]+ \*\//g;

module.exports = function stripInlineMaps(source) {
  return source.replace(INLINE_MAP, '');
};
