/** Name of the cookie that carries a workshop student's signed identity (server/workshop/secrets.ts). */
export const STUDENT_COOKIE = 'duet_workshop';
