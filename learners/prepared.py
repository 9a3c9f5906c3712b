"""The statements of the hot paths (every page's session and user, the answer cycle) written
once per process, then run with other values: reads (`PreparedQuery`), the answer cycle's inserts
(`PreparedInsert`) and its update (`PreparedUpdate`).

On the hot path of every answer, building a queryset's SQL (the ORM's compiler) costs more CPU
than the database takes to run it: the locking read of an assessment compiles in 0.7 ms and runs
in 0.5 ms. A `PreparedQuery` is an ordinary `values_list` queryset written over placeholder
values; it is compiled by the ORM the first time it runs (so the SQL is the ORM's own, for the
database in use) and later runs reuse that SQL and the compiler's column converters with the real
values in the placeholders' places. Values always travel as query parameters. On PostgreSQL
each connection also prepares the statement once (`_server_prepared`), so that the server no
longer parses and plans it on every request. The writes are written from the model's fields,
with the values the model's `save` would write.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import DatabaseError, connections

# Placeholder values no real value takes (negative ids; texts with a NUL, which PostgreSQL refuses
# and the URL converters keep out), so that they are recognised in the compiled parameters.
PLACEHOLDERS = {"assessment": -(10**12) - 1, "user": -(10**12) - 2, "challenge": -(10**12) - 3,
                "skill": -(10**12) - 4, "course": -(10**12) - 5, "pk": -(10**12) - 6,
                "candidate": -(10**12) - 7, "competence": -(10**12) - 8,
                "session": "\x00placeholder-session-key", "code": "\x00placeholder-code"}


def model_columns(model, names=None) -> tuple[str, ...]:
    """The columns of `model` (only `names`, when given) in the model's field order: the order in
    which `Model.from_db` reads a row, whole or partial (the missing fields are then deferred)."""
    return tuple(field.attname for field in model._meta.concrete_fields
                 if names is None or field.attname in names)


class PreparedQuery:
    def __init__(self, build, *, using="default"):
        """`build(**PLACEHOLDERS)` returns a values_list queryset; a list of values (skill ids) is
        written `[skill]` and given as `skills=[...]`."""
        self._build, self._using = build, using
        self._compiled = None
        self._expanded = {}  # SQL by number of values of the list placeholder
        self._lock = threading.Lock()

    def _compile(self):
        with self._lock:
            if self._compiled is None:
                compiler = self._build(**PLACEHOLDERS).query.get_compiler(self._using)
                sql, params = compiler.as_sql()
                names = {value: name for name, value in PLACEHOLDERS.items()}
                # The column converters too are the compiler's, worked out once (the ORM works
                # them out again for every query it runs).
                columns = [column for column, *_ in compiler.select[:compiler.col_count]]
                converters = list(compiler.get_converters(columns).items())
                self._compiled = (sql, tuple(params), [names.get(p) for p in params], converters)
        return self._compiled

    def rows(self, *, skills=None, **values) -> list[tuple]:
        """The rows, converted as the ORM converts them. Must run in a transaction when the
        queryset locks (select_for_update)."""
        sql, params, slots, converters = self._compile()
        actual = [param if slot in (None, "skill") else values[slot]
                  for param, slot in zip(params, slots, strict=True)]
        if "skill" in slots:  # the list stood as one placeholder: one marker per value
            skills = list(skills or ()) or [None]  # IN (NULL) matches nothing
            index = slots.index("skill")
            expanded = self._expanded.get(len(skills))
            if expanded is None:
                expanded = self._expanded[len(skills)] = _expand(sql, index, len(skills))
            sql = expanded
            actual[index:index + 1] = skills
        connection = connections[self._using]  # this thread's connection
        with connection.cursor() as cursor:
            cursor.execute(*_server_prepared(connection, sql, actual))
            rows = cursor.fetchall()
        if not converters:
            return rows
        return [_converted(row, converters, connection) for row in rows]


def _converted(row, converters, connection) -> tuple:
    """A row with the ORM's converters applied (`SQLCompiler.apply_converters`)."""
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


class PreparedInsert:
    """INSERT of new rows of `model` (every concrete field but the id, with the values `save`
    would write: defaults, `auto_now_add`), giving each row its id: the SQL is written once per
    process and number of rows, and on PostgreSQL prepared once per connection, where the ORM
    builds it anew on every answer. No `pre_save` or `post_save` signal is sent: the models
    written this way have no receiver (a test checks it)."""

    def __init__(self, model, *, using="default"):
        self._model, self._using = model, using
        self._fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self._sql = {}  # by number of rows

    def insert(self, objs) -> None:
        if not objs:
            return
        connection = connections[self._using]
        sql = self._sql.get(len(objs))
        if sql is None:
            sql = self._sql[len(objs)] = self._written(connection, len(objs))
        params = [field.get_db_prep_save(field.pre_save(obj, True), connection)
                  for obj in objs for field in self._fields]
        with connection.cursor() as cursor:
            cursor.execute(*_server_prepared(connection, sql, params))
            ids = [row[0] for row in cursor.fetchall()]
        for obj, pk in zip(objs, ids, strict=True):  # RETURNING gives the rows in VALUES order
            obj.pk = pk
            obj._state.adding, obj._state.db = False, self._using

    def _written(self, connection, count):
        quote, meta = connection.ops.quote_name, self._model._meta
        row = f"({', '.join(['%s'] * len(self._fields))})"
        return (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in self._fields)}) "
                f"VALUES {', '.join([row] * count)} RETURNING {quote(meta.pk.column)}")


class PreparedUpdate:
    """`obj.save(update_fields=names)` of a row known to exist, written once per process (and
    prepared once per PostgreSQL connection), with the values `save` would write (`auto_now`)."""

    def __init__(self, model, names, *, using="default"):
        self._model, self._using = model, using
        self._fields = [model._meta.get_field(name) for name in names]
        self._sql = None

    def save(self, obj) -> None:
        connection = connections[self._using]
        if self._sql is None:
            quote, meta = connection.ops.quote_name, self._model._meta
            self._sql = (f"UPDATE {quote(meta.db_table)} SET "
                         f"{', '.join(f'{quote(f.column)} = %s' for f in self._fields)} "
                         f"WHERE {quote(meta.pk.column)} = %s")
        params = [field.get_db_prep_save(field.pre_save(obj, False), connection) for field in self._fields]
        params.append(obj.pk)
        with connection.cursor() as cursor:
            cursor.execute(*_server_prepared(connection, self._sql, params))
            if cursor.rowcount != 1:  # as `save(update_fields=…)` says of a missing row
                raise DatabaseError("Save with update_fields did not affect any rows.")


# PostgreSQL parses and plans every statement it receives, which costs it more than running these
# one-row reads and writes: on PostgreSQL each connection prepares them once (PREPARE, which a rollback does
# not undo) and then only executes them. The names are the process's, one per SQL text.
_STATEMENT_NAMES: dict[str, str] = {}
_NAMES_LOCK = threading.Lock()


def _server_prepared(connection, sql, params) -> tuple[str, list]:
    """(sql, params) to run: `EXECUTE` of the statement prepared on this connection (PostgreSQL),
    else the SQL itself."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        return sql, params
    connection.ensure_connection()
    raw = connection.connection
    prepared = getattr(connection, "_prepared_statements", None)
    if prepared is None or prepared[0] is not raw:  # a new connection has none prepared
        prepared = connection._prepared_statements = (raw, set())
    with _NAMES_LOCK:
        name = _STATEMENT_NAMES.setdefault(sql, f"pix_prepared_{len(_STATEMENT_NAMES)}")
    if name not in prepared[1]:
        with raw.cursor() as cursor:  # not a query of the request's: below Django's cursor
            cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
        prepared[1].add(name)
    if not params:
        return f"EXECUTE {name}", params
    return f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params


def _numbered(sql):
    """`sql` with PostgreSQL's numbered parameters ($1, $2…) for its markers, and %% as %."""
    parts, last = [], 0
    for number, start in enumerate(_markers(sql), start=1):
        parts.append(sql[last:start].replace("%%", "%"))
        parts.append(f"${number}")
        last = start + 2
    parts.append(sql[last:].replace("%%", "%"))
    return "".join(parts)


def _expand(sql, index, count):
    start = _markers(sql)[index]
    return sql[:start] + ", ".join(["%s"] * count) + sql[start + 2:]


def _markers(sql):
    """Positions of the parameter markers (%s) of `sql`; a literal percent sign is written %%."""
    positions, i = [], 0
    while i < len(sql) - 1:
        if sql[i] == "%":
            if sql[i + 1] == "s":
                positions.append(i)
            i += 2
        else:
            i += 1
    return positions
