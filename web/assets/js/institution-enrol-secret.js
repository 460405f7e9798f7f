// Enrolment, step two: the TOTP secret as a QR code and as text, then the first code.
import { enrolSecret } from './office.js';

await enrolSecret();
