/** The two sizes a site is seen at, in CSS pixels: a phone and a desktop window. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
