package com.picksdigest.web.admin;

/** The latest edition's figures on the dashboard, rates already written as percentages. */
public record LastEdition(
        String date, int delivered, String bounce, String unsubscribe, String complaint, String click) {}
