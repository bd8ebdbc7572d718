/**
 * The page's theme as App.svelte sets it on `<html data-theme>`, as reactive state: drawings that
 * read the theme's colours from CSS (the pod grid's canvas) redraw when it changes.
 */
export const theme = $state({ dark: false });
