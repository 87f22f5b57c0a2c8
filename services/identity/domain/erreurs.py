"""Refusals of the identity rules, each with the French message the user reads."""

from __future__ import annotations


class ErreurIdentite(Exception):
    message = "La demande ne peut pas aboutir."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message


class DonneesInvalides(ErreurIdentite):
    message = "Les informations saisies sont invalides."


class TitreIntrouvable(ErreurIdentite):
    message = (
        "Les informations saisies ne correspondent à aucun visa ni titre de séjour. "
        "Vérifiez le numéro et les dates de début et de fin de validité."
    )


class MotDePasseRefuse(ErreurIdentite):
    message = "Le mot de passe ne respecte pas le format attendu."


class LienInvalide(ErreurIdentite):
    message = "Ce lien n'est plus valide : il a déjà été utilisé ou il a expiré."


class IdentifiantsIncorrects(ErreurIdentite):
    message = "Identifiant ou mot de passe incorrect."


class TropDeTentatives(ErreurIdentite):
    message = "Trop de tentatives. Pour votre sécurité, réessayez dans quelques minutes."


class SessionInvalide(ErreurIdentite):
    message = "Votre session a expiré. Veuillez vous reconnecter."


class Introuvable(ErreurIdentite):
    message = "Ressource introuvable."


class ActionReservee(ErreurIdentite):
    message = "Cette action est réservée aux services de la plateforme."
