/** Name of the cookie holding the page's random client id (isomorphic: the page sets it). */
export const CLIENT_COOKIE = 'duet_client';
