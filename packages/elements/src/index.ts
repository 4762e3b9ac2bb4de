// This package is the field page, built from card.html into dist/ for the edge to serve; no other package
// imports its modules (the SDK meets it only through postMessage), so it exports nothing.
export {};
