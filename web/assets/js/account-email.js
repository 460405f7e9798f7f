// Changing or removing the email address.
import { changeForm } from './contact.js';

changeForm('email');
