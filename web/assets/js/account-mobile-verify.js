// The code sent to the new mobile.
import { verifyForm } from './contact.js';

verifyForm('mobile');
