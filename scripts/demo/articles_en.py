"""English member articles for the demo community (Markdown, 150-400 words each)."""

from __future__ import annotations

ARTICLES_EN = [
    {
        "title": "Freelancing in Belgium as a newcomer: what I wish I had known",
        "tags": ["starting-out", "belgium", "languages"],
        "author": {"town": "Brussels"},
        "body": """\
I moved to Brussels six years ago and started freelancing two years later. The work itself
was the easy part; understanding how things work here took much longer. Here is what I
would tell anyone in the same position.

## Paperwork first

- Ask a cooperative or an advice desk about your **status** before you send a first
  invoice. The choice affects your social security and taxes.
- Keep every receipt from day one. Sorting them out in April is no fun.
- VAT rules depend on your turnover and your clients' countries: check before quoting.

## Languages are an asset

Many clients are happy to work in English, but even basic French or Dutch opens doors.
I took an evening course and now write my quotes in all three languages. Clients notice.

## Find your people

What changed everything for me was a monthly freelancers' drinks in my neighbourhood. I met
a translator, a web developer and a photographer, and we now pass work to each other. The
cooperative's directory and partner list are a good place to find such groups.

## Be patient

It took me about eighteen months to earn a stable income. That is normal. Keep a financial
buffer, say yes to small projects that build your network, and ask for help early.
""",
    },
    {
        "title": "Three tools that keep my small business organised",
        "tags": ["tools", "admin", "productivity"],
        "author": {"sectors": ("digital", "other", "consulting")},
        "body": """\
Running a one-person business means being your own secretary, accountant and project
manager. Over the years I have tried dozens of apps. These three habits, and the simple
tools behind them, are the ones that stuck.

## A single place for tasks

Every request from a client goes into one list, with a date. It does not matter much which
app you use; what matters is that nothing lives only in your inbox or your head.

## A weekly money hour

Every Friday I spend one hour on money:

1. Send the invoices for the work done this week.
2. Check which invoices are overdue and send reminders.
3. File receipts and update a simple spreadsheet of income and costs.

That hour saves me whole days at the end of the quarter.

## Templates for everything

I keep templates for quotes, invoices, contracts and the e-mails I write most often, such
as a project kick-off or a friendly payment reminder. They make me faster and keep my
communication consistent.

## What I stopped doing

I stopped tracking every minute of my time. A rough estimate per project is enough to see
whether my prices hold up, and it costs far less energy.
""",
    },
]
