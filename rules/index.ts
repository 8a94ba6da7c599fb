/**
 * Every detection rule, in the order their signals are listed. Adding a rule: one file, one
 * entry here; its examples are tested by test/rules/examples.test.ts.
 */
import { contextNewContact } from './context-new-contact.ts';
import { contextTruncated } from './context-truncated.ts';
import { credentialBalanceRequest } from './credential-balance-request.ts';
import { credentialPhishingLink } from './credential-phishing-link.ts';
import { credentialPersonalDataRequest } from './credential-personal-data-request.ts';
import { credentialSecretRequest } from './credential-secret-request.ts';
import { giftcardPurchaseRequest } from './giftcard-purchase-request.ts';
import { identityFakeSupport } from './identity-fake-support.ts';
import { identityImpersonation } from './identity-impersonation.ts';
import { identityInstitutionClaim } from './identity-institution-claim.ts';
import { identityLookalikeName } from './identity-lookalike-name.ts';
import { mitigatingFraudAwareness } from './mitigating-fraud-awareness.ts';
import { mitigatingRegisteredPayee } from './mitigating-registered-payee.ts';
import { mitigatingVerifiedProcess } from './mitigating-verified-process.ts';
import { moneyAvailableFunds } from './money-available-funds.ts';
import { moneyPaperworkLater } from './money-paperwork-later.ts';
import { moneyReceiptProof } from './money-receipt-proof.ts';
import { moneySecondRequest } from './money-second-request.ts';
import { moneyTransferRequest } from './money-transfer-request.ts';
import { offplatformCallbackNumber } from './offplatform-callback-number.ts';
import { offplatformGroupQr } from './offplatform-group-qr.ts';
import { offplatformHandleRequest } from './offplatform-handle-request.ts';
import { offplatformInviteLink } from './offplatform-invite-link.ts';
import { payeeAccountChange } from './payee-account-change.ts';
import { payeeOverseasAccount } from './payee-overseas-account.ts';
import { payeePersonalAccount } from './payee-personal-account.ts';
import { payeeUnregisteredAccount } from './payee-unregistered-account.ts';
import { pressureSecrecy } from './pressure-secrecy.ts';
import { pressureUnreachable } from './pressure-unreachable.ts';
import { pressureUrgency } from './pressure-urgency.ts';
import type { Rule } from '../src/detection/rule.ts';

export const rules: readonly Rule[] = [
  identityImpersonation,
  identityLookalikeName,
  identityFakeSupport,
  identityInstitutionClaim,
  moneyTransferRequest,
  payeeAccountChange,
  payeeUnregisteredAccount,
  payeePersonalAccount,
  payeeOverseasAccount,
  credentialSecretRequest,
  credentialPersonalDataRequest,
  credentialBalanceRequest,
  credentialPhishingLink,
  moneyAvailableFunds,
  giftcardPurchaseRequest,
  offplatformGroupQr,
  offplatformHandleRequest,
  offplatformInviteLink,
  offplatformCallbackNumber,
  pressureSecrecy,
  pressureUrgency,
  pressureUnreachable,
  moneyPaperworkLater,
  moneyReceiptProof,
  moneySecondRequest,
  contextNewContact,
  contextTruncated,
  mitigatingVerifiedProcess,
  mitigatingRegisteredPayee,
  mitigatingFraudAwareness,
];
