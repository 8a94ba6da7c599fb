/**
 * Every detection rule, in the order their signals are listed. Adding a rule: one file, one
 * entry here; its examples are tested by test/rules/examples.test.ts.
 */
import { contextNewContact } from './context-new-contact.ts';
import { contextTruncated } from './context-truncated.ts';
import { credentialAdminRights } from './credential-admin-rights.ts';
import { credentialBalanceRequest } from './credential-balance-request.ts';
import { credentialDataHarvest } from './credential-data-harvest.ts';
import { credentialDocumentRequest } from './credential-document-request.ts';
import { credentialPhishingLink } from './credential-phishing-link.ts';
import { credentialPersonalDataRequest } from './credential-personal-data-request.ts';
import { credentialSecretRequest } from './credential-secret-request.ts';
import { giftcardPurchaseRequest } from './giftcard-purchase-request.ts';
import { identityFakeSupport } from './identity-fake-support.ts';
import { identityImpersonation } from './identity-impersonation.ts';
import { identityInstitutionClaim } from './identity-institution-claim.ts';
import { identityLookalikeName } from './identity-lookalike-name.ts';
import { identityProxyClaim } from './identity-proxy-claim.ts';
import { mitigatingFraudAwareness } from './mitigating-fraud-awareness.ts';
import { mitigatingRegisteredPayee } from './mitigating-registered-payee.ts';
import { mitigatingSocialInvitation } from './mitigating-social-invitation.ts';
import { mitigatingVerifiedProcess } from './mitigating-verified-process.ts';
import { moneyAvailableFunds } from './money-available-funds.ts';
import { moneyCryptoPayment } from './money-crypto-payment.ts';
import { moneyPaperworkLater } from './money-paperwork-later.ts';
import { moneyReceiptProof } from './money-receipt-proof.ts';
import { moneySecondRequest } from './money-second-request.ts';
import { moneyTransferRequest } from './money-transfer-request.ts';
import { offplatformCallbackNumber } from './offplatform-callback-number.ts';
import { offplatformGroupQr } from './offplatform-group-qr.ts';
import { offplatformHandleRequest } from './offplatform-handle-request.ts';
import { offplatformInviteLink } from './offplatform-invite-link.ts';
import { offplatformMove } from './offplatform-move.ts';
import { payeeAccountChange } from './payee-account-change.ts';
import { payeeOverseasAccount } from './payee-overseas-account.ts';
import { payeePersonalAccount } from './payee-personal-account.ts';
import { payeeUnregisteredAccount } from './payee-unregistered-account.ts';
import { pressureSecrecy } from './pressure-secrecy.ts';
import { pressureTaskOpener } from './pressure-task-opener.ts';
import { pressureUnreachable } from './pressure-unreachable.ts';
import { pressureUrgency } from './pressure-urgency.ts';
import type { Rule, RuleSet } from '../src/detection/rule.ts';
import { warningSetAside } from './warning.ts';

export const rules: readonly Rule[] = [
  identityImpersonation,
  identityLookalikeName,
  identityFakeSupport,
  identityInstitutionClaim,
  identityProxyClaim,
  moneyTransferRequest,
  moneyCryptoPayment,
  payeeAccountChange,
  payeeUnregisteredAccount,
  payeePersonalAccount,
  payeeOverseasAccount,
  credentialSecretRequest,
  credentialPersonalDataRequest,
  credentialDataHarvest,
  credentialBalanceRequest,
  credentialAdminRights,
  credentialDocumentRequest,
  credentialPhishingLink,
  moneyAvailableFunds,
  giftcardPurchaseRequest,
  offplatformGroupQr,
  offplatformHandleRequest,
  offplatformInviteLink,
  offplatformMove,
  offplatformCallbackNumber,
  pressureSecrecy,
  pressureUrgency,
  pressureUnreachable,
  pressureTaskOpener,
  moneyPaperworkLater,
  moneyReceiptProof,
  moneySecondRequest,
  contextNewContact,
  contextTruncated,
  mitigatingVerifiedProcess,
  mitigatingRegisteredPayee,
  mitigatingFraudAwareness,
  mitigatingSocialInvitation,
];

/** What the composition root hands the detection engine: every rule, and a warning's quotations set aside. */
export const ruleSet: RuleSet = { rules, setAside: warningSetAside };
