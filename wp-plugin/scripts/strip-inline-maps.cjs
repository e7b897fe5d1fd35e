// Webpack loader for @wordpress/dataviews/wp, the self-contained build WordPress plugins must use.
// That file was built with its styles in development mode: each CSS-in-JS style carries its own
// base64 source map, inside a string, about 650 KB of the file and 60 KB gzipped in every
// screen, and nothing ever reads them. A CSS comment removed from inside a style string changes
// no rule, so they are cut here.
module.exports = function stripInlineMaps(source) {
  return source.replace(/\/\*# sourceMappingURL=data:[^*]*\*\//g, '');
};
