// The code sent to the new email address.
import { verifyForm } from './contact.js';

verifyForm('email');
